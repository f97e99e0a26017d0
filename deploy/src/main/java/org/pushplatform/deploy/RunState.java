package org.pushplatform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The running platform's description in {@code <data>/run/state.json}, written once everything is ready. */
final class RunState {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path file;

    RunState(Path dataDir) {
        this.file = dataDir.resolve("run").resolve("state.json");
    }

    /** The project folder: set by the pushctl script, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("push.home", ".")).toAbsolutePath().normalize();
    }

    static Path dataDir(CommandLine options) {
        String fromEnv = System.getenv("PUSH_DATA_DIR");
        Path fallback = fromEnv != null ? Path.of(fromEnv).toAbsolutePath() : home().resolve(".pushdata");
        return options.path("--data-dir", fallback);
    }

    Optional<ObjectNode> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of((ObjectNode) MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A state whose launcher is still alive means another platform uses this data folder. */
    void refuseIfRunning() {
        read().map(json -> json.get("launcherPid").asLong())
            .flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .ifPresent(pid -> {
                throw new IllegalStateException("the platform is already running from " + file.getParent().getParent()
                    + " (launcher pid " + pid.pid() + "); run ./pushctl down first");
            });
    }

    void write(ObjectNode json) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("state.json.tmp");
            // it holds the admin token: readable by its owner only, from before anything is written into it
            Files.deleteIfExists(tmp);
            AdminTokenFile.ownerOnly(Files.createFile(tmp));
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), json);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing to clean up then
        }
    }
}
