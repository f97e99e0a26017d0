package org.pushplatform.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class AdminBearerTest {

    private final AdminBearer bearer = new AdminBearer("s3cret");

    @Test
    void theAdminApiNeedsTheTokenAndNothingElseDoes() {
        assertThat(bearer.allows("/admin/apps", "Bearer s3cret")).isTrue();
        assertThat(bearer.allows("/admin/apps", "Bearer s3cre")).isFalse();
        assertThat(bearer.allows("/admin/apps", null)).isFalse();
        assertThat(bearer.allows("/api/v1/apps/x/deliveries", null)).isTrue();
    }

    @Test
    void aBrowserGivesTheTokenAsTheBasicPasswordUnderAnyName() {
        assertThat(bearer.carriesToken(basic("admin:s3cret"))).isTrue();
        assertThat(bearer.carriesToken(basic(":s3cret"))).isTrue();
        assertThat(bearer.carriesToken(basic("s3cret:wrong"))).isFalse();
        assertThat(bearer.carriesToken(basic("s3cret"))).as("no password at all").isFalse();
        assertThat(bearer.carriesToken("Basic not*base64")).isFalse();
        assertThat(bearer.carriesToken("basic " + Base64.getEncoder().encodeToString("a:s3cret".getBytes(StandardCharsets.UTF_8)))).isTrue();
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
