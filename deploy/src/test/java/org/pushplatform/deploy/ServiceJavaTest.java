package org.pushplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJavaTest {

    @TempDir
    Path jvms;

    @Test
    void theServicesRunOnTheNewestJdkOfRelease25OrLaterBesideTheLaunchers() throws IOException {
        Path own = jdk("java-17-openjdk-amd64", "17.0.15");
        Path temurin25 = jdk("temurin-25-jdk-amd64", "25.0.3");
        jdk("temurin-21-jdk-amd64", "21.0.8");

        ServiceJava chosen = ServiceJava.find(null, own, 17);

        assertEquals(temurin25, chosen.home());
        assertEquals(25, chosen.feature());
        assertEquals(true, chosen.hasAotCache());
    }

    @Test
    void withoutJava25TheServicesRunOnTheLaunchersOwnJdk() throws IOException {
        Path own = jdk("java-17-openjdk-amd64", "17.0.15");
        jdk("temurin-21-jdk-amd64", "21.0.8");
        Files.createDirectories(jvms.resolve("not-a-jdk"));

        ServiceJava chosen = ServiceJava.find("", own, 17);

        assertEquals(own, chosen.home());
        assertEquals(false, chosen.hasAotCache());
    }

    @Test
    void pushJavaHomeWinsAndMustBeAJdk() throws IOException {
        Path own = jdk("temurin-25-jdk-amd64", "25.0.3");
        Path configured = jdk("java-17-openjdk-amd64", "17.0.15");

        assertEquals(configured, ServiceJava.find(configured.toString(), own, 25).home());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> ServiceJava.find(jvms.resolve("nowhere").toString(), own, 25));
        assertEquals(true, refused.getMessage().contains("is not a JDK"));
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = jvms.resolve(name);
        Path java = home.resolve("bin").resolve("java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
