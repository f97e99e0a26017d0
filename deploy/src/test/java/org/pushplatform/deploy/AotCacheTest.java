package org.pushplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    private static final ServiceJava JAVA_25 = new ServiceJava(Path.of("/jdk25"), 25);
    private static final ServiceJava JAVA_17 = new ServiceJava(Path.of("/jdk17"), 17);

    @TempDir
    Path home;
    @TempDir
    Path dataDir;

    @Test
    void aTrainingRunRecordsTheFirstInstanceOfEachModuleOnly() throws IOException {
        AotCache training = new AotCache(home, dataDir, JAVA_25, true);

        assertEquals(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + dataDir.resolve("aot/routing-service.aotconf")),
            training.options("routing-service"));
        assertEquals(List.of(), training.options("routing-service"));
        assertEquals(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + dataDir.resolve("aot/connection-gateway.aotconf")),
            training.options("connection-gateway"));
    }

    @Test
    void aStartUsesTheCacheOfEachModuleThatHasOne() throws IOException {
        Path cache = home.resolve("routing-service/target/quarkus-app/app.aot");
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "cache");
        AotCache start = new AotCache(home, dataDir, JAVA_25, false);

        assertEquals(List.of("-XX:AOTCache=" + cache.toAbsolutePath()), start.options("routing-service"));
        assertEquals(List.of(), start.options("connection-gateway"));
        assertEquals("AOT cache for routing-service", start.describe());
    }

    @Test
    void onJava17NothingIsRecordedOrUsed() throws IOException {
        Path cache = home.resolve("routing-service/target/quarkus-app/app.aot");
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "cache");

        assertEquals(List.of(), new AotCache(home, dataDir, JAVA_17, true).options("routing-service"));
        assertEquals(List.of(), new AotCache(home, dataDir, JAVA_17, false).options("routing-service"));
    }
}
