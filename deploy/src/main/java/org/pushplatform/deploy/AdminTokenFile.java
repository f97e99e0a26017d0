package org.pushplatform.deploy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The admin token of a local platform, kept in {@code <data dir>/admin.token}: made up on first start, readable and
 * writable by its owner only (it opens the admin REST API), which is set again on every start.
 */
final class AdminTokenFile {

    private static final String NAME = "admin.token";

    private AdminTokenFile() {
    }

    static String readOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(NAME);
        if (!Files.exists(file)) {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            Files.writeString(ownerOnly(Files.createFile(file)), HexFormat.of().formatHex(bytes));
        }
        return Files.readString(ownerOnly(file)).trim();
    }

    /** Only the file's owner may read or write it: it holds a secret. */
    static Path ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }
}
