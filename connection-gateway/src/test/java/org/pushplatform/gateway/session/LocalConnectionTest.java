package org.pushplatform.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalConnectionTest {

    private final LocalConnection connection = new LocalConnection("c-1", "pubsub", "routing", null);

    @Test
    void aStoredMessageIsWrittenOncePerConnection() {
        assertThat(connection.firstWriteOf("42")).isTrue();
        assertThat(connection.firstWriteOf("42")).isFalse();
        assertThat(connection.firstWriteOf("43")).isTrue();
    }

    @Test
    void framesAreKeyedByConnectionUntilASessionIsNamed() {
        assertThat(connection.routingKey()).isEqualTo("c-1");
        assertThat(connection.hasSession()).isFalse();

        String previous = connection.useRoutingKey("app/user");

        assertThat(previous).isEqualTo("c-1");
        assertThat(connection.routingKey()).isEqualTo("app/user");
        assertThat(connection.hasSession()).isTrue();
    }
}
