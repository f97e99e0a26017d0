package org.pushplatform.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts only Kafka and PostgreSQL and writes how to reach them to a file, for test resources
 * that run services in their own JVM. Ends when its standard input closes, so it never outlives its parent.
 */
final class InfraCommand {

    private InfraCommand() {
    }

    static void run(Path dataDir, Path readyFile) throws IOException {
        Infrastructure infra = Infrastructure.start(dataDir, Ports.free(), Ports.free());
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "infra-shutdown"));
        Map<String, String> env = infra.serviceEnvironment();
        Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
        new ObjectMapper().writeValue(tmp.toFile(), env);
        Files.move(tmp, readyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("[infra] ready " + env);
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin (or die)
        }
        System.exit(0);
    }
}
