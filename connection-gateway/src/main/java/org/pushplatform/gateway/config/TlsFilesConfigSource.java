package org.pushplatform.gateway.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * {@code PUSH_TLS_CERT_FILE} and {@code PUSH_TLS_KEY_FILE}, when set, as the PEM key store of Quarkus's default TLS
 * configuration. In {@code application.properties} they could only be written with an empty default, which the TLS
 * registry takes for a key store without its files; here they exist only when both are given.
 */
public class TlsFilesConfigSource implements ConfigSource {

    private final Map<String, String> properties = new HashMap<>();

    public TlsFilesConfigSource() {
        String cert = System.getenv("PUSH_TLS_CERT_FILE");
        String key = System.getenv("PUSH_TLS_KEY_FILE");
        if (cert != null && !cert.isBlank() && key != null && !key.isBlank()) {
            properties.put("quarkus.tls.key-store.pem.0.cert", cert);
            properties.put("quarkus.tls.key-store.pem.0.key", key);
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "PUSH_TLS_CERT_FILE and PUSH_TLS_KEY_FILE";
    }

    /** Below the environment and system properties (300, 400), so that quarkus.tls.* set there wins. */
    @Override
    public int getOrdinal() {
        return 275;
    }
}
