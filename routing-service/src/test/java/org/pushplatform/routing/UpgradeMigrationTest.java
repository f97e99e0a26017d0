package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** The upgrade to the generic delivery core's tables keeps every pubsub row: nothing stored is lost. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class UpgradeMigrationTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> configuredPassword;

    private String password;

    @Test
    void pubsubSessionsSubscriptionsAndStoredMessagesAreCarriedOver() throws Exception {
        // given a schema as the previous release left it, with a session, a subscription and a pending QoS 1 message
        password = configuredPassword.orElse("");
        String schema = "upgrade_" + UUID.randomUUID().toString().substring(0, 8);
        flyway(schema).target("4").load().migrate();
        try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement()) {
            sql.execute("SET search_path TO " + schema);
            sql.execute("INSERT INTO app (appkey, secret, name) VALUES ('k1', 's', 'old')");
            sql.execute("INSERT INTO pubsub_session (session_id, appkey, customid, alias) VALUES ('k1-s1', 'k1', 'user1', 'bob')");
            sql.execute("INSERT INTO subscription (appkey, topic, session_id) VALUES ('k1', 'news', 'k1-s1')");
            sql.execute("INSERT INTO message (id, appkey, message_id, event_topic, msg, qos, expires_at)"
                + " VALUES (7, 'k1', 'm-1', 'news', '{\"text\":\"hi\"}', 1, now() + interval '1 day')");
            sql.execute("INSERT INTO pending_delivery (session_id, message_ref) VALUES ('k1-s1', 7)");

            // when the new release starts
            flyway(schema).load().migrate();

            // then the session is an identity of kind session, still subscribed, still owed its message
            assertThat(row(sql, "SELECT kind, id, alias FROM identity WHERE ref = 'k1-s1'")).isEqualTo("session|user1|bob");
            assertThat(row(sql, "SELECT topic FROM topic_subscription WHERE identity_ref = 'k1-s1'")).isEqualTo("news");
            assertThat(row(sql, "SELECT message_ref FROM pending_delivery WHERE identity_ref = 'k1-s1'")).isEqualTo("7");
            // and the message comes back in pubsub's own shape: message {topic, msg}
            assertThat(row(sql, "SELECT api, event FROM stored_delivery WHERE id = 7")).isEqualTo("pubsub|message");
            JsonNode args = EnvelopeCodec.mapper().readTree(row(sql, "SELECT args FROM stored_delivery WHERE id = 7"));
            assertThat(args.toString()).isEqualTo("[{\"topic\":\"news\",\"msg\":{\"text\":\"hi\"}}]");
            sql.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway(String schema) {
        return Flyway.configure().dataSource(url, user, password).schemas(schema).defaultSchema(schema)
            .locations("classpath:db/migration");
    }

    private static String row(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            StringBuilder values = new StringBuilder();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                values.append(i > 1 ? "|" : "").append(rows.getString(i));
            }
            return values.toString();
        }
    }
}
