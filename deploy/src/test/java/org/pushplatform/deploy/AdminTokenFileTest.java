package org.pushplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {

    @TempDir
    Path dataDir;

    @Test
    void theTokenIsMadeOnceAndOnlyItsOwnerMayReadIt() throws Exception {
        String token = AdminTokenFile.readOrCreate(dataDir);

        assertTrue(token.matches("[0-9a-f]{32}"), token);
        assertEquals(token, AdminTokenFile.readOrCreate(dataDir));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("admin.token"))));
    }

    @Test
    void aTokenFileLeftReadableByOthersIsClosedOnStart() throws Exception {
        Path file = dataDir.resolve("admin.token");
        Files.writeString(file, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals("0123456789abcdef0123456789abcdef", AdminTokenFile.readOrCreate(dataDir));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
