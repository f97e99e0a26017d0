package org.pushplatform.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK the service JVMs run on: {@code PUSH_JAVA_HOME} when set; else the newest JDK of release 25 or later installed
 * beside the launcher's (Java 25 brings the AOT cache with method profiles); else the launcher's own. The build stays on
 * Java 17, so a machine with only Java 17 runs everything as before.
 */
record ServiceJava(Path home, int feature) {

    static final int AOT_CACHE_RELEASE = 25;
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    static ServiceJava find() {
        return find(System.getenv("PUSH_JAVA_HOME"), Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }

    static ServiceJava find(String configured, Path own, int ownFeature) {
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            return new ServiceJava(home, featureOf(home).orElseThrow(
                () -> new IllegalStateException("PUSH_JAVA_HOME=" + configured + " is not a JDK (no release file with JAVA_VERSION)")));
        }
        ServiceJava launcher = new ServiceJava(own, ownFeature);
        return newestBeside(own).filter(found -> found.feature() >= AOT_CACHE_RELEASE && found.feature() > launcher.feature())
            .orElse(launcher);
    }

    Path binary() {
        return home.resolve("bin").resolve("java");
    }

    boolean hasAotCache() {
        return feature >= AOT_CACHE_RELEASE;
    }

    @Override
    public String toString() {
        return "Java " + feature + " (" + home + ")";
    }

    private static Optional<ServiceJava> newestBeside(Path own) {
        Path jvmDir = own.getParent();
        if (jvmDir == null || !Files.isDirectory(jvmDir)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvmDir)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
                .flatMap(home -> featureOf(home).map(feature -> new ServiceJava(home, feature)).stream())
                .max(Comparator.comparingInt(ServiceJava::feature).thenComparing(java -> java.home().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Integer> featureOf(Path home) {
        try {
            Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
