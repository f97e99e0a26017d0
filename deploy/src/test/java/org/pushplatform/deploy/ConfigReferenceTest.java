package org.pushplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/** {@code CONFIGURATION.md} says what the services read: made from their sources, so it cannot fall behind them. */
class ConfigReferenceTest {

    @Test
    void theReferenceIsTheOneTheServicesConfigurationMakes() throws IOException {
        String generated = ConfigReference.generate();
        if ("1".equals(System.getenv("CONFIG_REFERENCE_WRITE"))) {
            Files.writeString(ConfigReference.FILE, generated);
        }
        assertEquals(generated, Files.exists(ConfigReference.FILE) ? Files.readString(ConfigReference.FILE) : "",
            "CONFIGURATION.md is out of date: CONFIG_REFERENCE_WRITE=1 ./mvnw -pl deploy test -Dtest=ConfigReferenceTest");
    }

    @Test
    void everyServiceHasATableAndSettingsKnowTheirVariables() throws IOException {
        String reference = ConfigReference.generate();
        for (String service : ConfigReference.SERVICES) {
            assertTrue(reference.contains("\n## " + service + "\n"), service);
        }
        assertTrue(reference.contains("| `push.gateway.drain.period` | `PUSH_GATEWAY_DRAIN_PERIOD` | `10s` |"), reference);
        assertTrue(reference.contains("| `push.heartbeat-interval` | `PUSH_HEARTBEAT_INTERVAL` | `5s` |"), reference);
    }

    @Test
    void namesFollowSmallRyeConfig() {
        assertEquals("max-inbound-bytes", ConfigReference.kebab("maxInboundBytes"));
        assertEquals("PUSH_GATEWAY_DRAIN_PERIOD", ConfigReference.environmentName("push.gateway.drain.period"));
    }
}
