package org.pushplatform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * A native executable keeps only the reflection its build was told about, and Jackson reads and writes the
 * contract's records (Kafka payloads) by reflection: every record, enum and polymorphic type of the contract must be
 * in the metadata the contract jar carries for {@code native-image}, or a payload added later would fail only in a
 * native build.
 */
class NativeReflectionMetadataTest {

    private static final String METADATA = "META-INF/native-image/org.pushplatform/contract/reachability-metadata.json";

    @Test
    void everyTypeJacksonHandlesByReflectionIsRegistered() throws Exception {
        assertThat(registeredTypes()).isEqualTo(contractTypesJacksonReflects());
    }

    @Test
    void eachRegistrationLetsJacksonConstructAndReadTheType() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(METADATA)) {
            for (JsonNode entry : EnvelopeCodec.mapper().readTree(in).get("reflection")) {
                assertThat(entry.path("allDeclaredConstructors").asBoolean()).as(entry.toString()).isTrue();
                assertThat(entry.path("allDeclaredMethods").asBoolean()).as(entry.toString()).isTrue();
                assertThat(entry.path("allDeclaredFields").asBoolean()).as(entry.toString()).isTrue();
            }
        }
    }

    private Set<String> registeredTypes() throws IOException {
        Set<String> types = new TreeSet<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(METADATA)) {
            assertThat(in).as(METADATA).isNotNull();
            EnvelopeCodec.mapper().readTree(in).get("reflection").forEach(entry -> types.add(entry.get("type").asText()));
        }
        return types;
    }

    private static Set<String> contractTypesJacksonReflects() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Envelope.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
                Class<?> type = Class.forName(name, false, NativeReflectionMetadataTest.class.getClassLoader());
                if (type.isRecord() || type.isEnum() || type.isAnnotationPresent(JsonTypeInfo.class)) {
                    types.add(type.getName());
                }
            }
        }
        return types;
    }
}
