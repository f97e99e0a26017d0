package org.pushplatform.device;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.ControlCommands;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/**
 * device-service between a played gateway and a played delivery core, on a real Kafka and PostgreSQL: devices
 * authenticate, commands wait for them, go out in order with client acks, and end in the ledger's states.
 */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class DeviceCommandsTest {

    private static final String ADMIN = "Bearer test-admin-token";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool database;

    private GatewayAndCore around;
    private final String app = "app-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void connect() {
        around = new GatewayAndCore(bootstrap);
    }

    @AfterEach
    void disconnect() {
        around.close();
    }

    @Test
    void aCommandQueuedWhileOfflineGoesOutWhenTheDeviceAuthenticatesAndEndsWithItsResult() {
        String key = createDevice("sn-1");
        long commandId = command("sn-1", "device_status", null, null).then().statusCode(201)
            .body("state", equalTo("QUEUED")).extract().jsonPath().getLong("id");

        String connection = authenticate("sn-1", key);
        Address.Identity device = new Address.Identity(app, IdentityKinds.DEVICE, "sn-1");
        ControlCommands.BindIdentity bind = around.next(ControlCommands.BindIdentity.class, b -> b.identity().equals(device));
        assertThat(bind.connection().connectionId()).isEqualTo(connection);
        around.deliver("auth:ok", device);
        Deliver status = around.deliver("device_status", device);
        assertThat(status.ackOrDefault().mode()).isEqualTo(Ack.Mode.CLIENT);
        assertThat(status.args()).hasSize(1);
        assertThat(commandOf(commandId).getString("state")).isEqualTo("SENT");

        // the seed's devices may answer with the object as JSON text
        around.outcome(GatewayAndCore.delivered(status, JsonNodeFactory.instance.textNode("{\"ack\": true, \"status\": \"sleep\"}")));
        await().atMost(Duration.ofSeconds(10)).until(() -> commandOf(commandId).getString("state").equals("SUCCESSFUL"));
        assertThat(commandOf(commandId).getString("result.status")).isEqualTo("sleep");
        given().header("Authorization", ADMIN).get("/admin/apps/{app}/devices/sn-1", app).then().statusCode(200)
            .body("online", equalTo(true)).body("lastStatus", equalTo("sleep"));
    }

    @Test
    void aBadSignatureIsAnsweredAuthFailAndTheDeviceIsNotBound() {
        createDevice("sn-2");
        String connection = UUID.randomUUID().toString();
        String forged = Base64.getEncoder().encodeToString("sn-2:not-its-key".getBytes(StandardCharsets.UTF_8));
        around.frame(app, connection, app + "/sn-2", "authentication", EnvelopeCodec.toJson(Map.of("signature", forged)));
        Deliver fail = around.deliver("auth:fail", new Address.Connection(app, GatewayAndCore.NODE, connection));
        assertThat(fail.args().get(0).get("error_msg").asText()).isEqualTo("signature not valid.");
        given().header("Authorization", ADMIN).get("/admin/apps/{app}/devices/sn-2", app).then().body("online", equalTo(false));
    }

    @Test
    void aTimedOutAttemptIsSentAgainAndAnUnansweredCommandDoesNotHoldBackTheOnesBehindIt() {
        Address.Identity device = online("sn-3");
        long first = command("sn-3", "restart_device", Map.of("restart", true), Map.of("maxAttempts", 2)).then().statusCode(201)
            .extract().jsonPath().getLong("id");
        long second = command("sn-3", "purge_face_data", null, null).then().statusCode(201).extract().jsonPath().getLong("id");
        Deliver restart = around.deliver("restart_device", device);
        Deliver purge = around.deliver("purge_face_data", device);
        around.outcome(GatewayAndCore.delivered(purge, EnvelopeCodec.toJson(Map.of("ack", true))));
        around.outcome(GatewayAndCore.failed(restart, DeliveryOutcome.Reason.ACK_TIMEOUT));
        Deliver again = around.deliver("restart_device", device);
        assertThat(again.messageId()).isNotEqualTo(restart.messageId());
        around.outcome(GatewayAndCore.failed(again, DeliveryOutcome.Reason.ACK_TIMEOUT));
        await().atMost(Duration.ofSeconds(10)).until(() -> commandOf(first).getString("state").equals("TIMEOUT"));
        assertThat(commandOf(first).getInt("attempts")).isEqualTo(2);
        assertThat(commandOf(second).getString("state")).isEqualTo("DELIVERED");
    }

    @Test
    void anAckReadLateSettlesItsCommandEvenAfterTheAttemptWasSentAgain() {
        Address.Identity device = online("sn-7");
        long id = command("sn-7", "restart_device", Map.of("restart", true), null).then().statusCode(201).extract().jsonPath().getLong("id");
        Deliver first = around.deliver("restart_device", device);
        around.outcome(GatewayAndCore.failed(first, DeliveryOutcome.Reason.ACK_TIMEOUT));
        around.deliver("restart_device", device);
        // the first attempt's ack was late (its outcome was read after the timeout): the device did get the command
        around.outcome(GatewayAndCore.delivered(first, EnvelopeCodec.toJson(Map.of("ack", true))));
        await().atMost(Duration.ofSeconds(10)).until(() -> commandOf(id).getString("state").equals("DELIVERED"));
    }

    @Test
    void aStateLikeCommandReplacesTheQueuedOneOfItsKind() {
        createDevice("sn-4");
        long older = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("id", 1, "name", "Class 1"))
            .put("/admin/apps/{app}/devices/sn-4/class", app).then().statusCode(200).extract().jsonPath().getLong("commandId");
        long newer = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("id", 2, "name", "Class 2"))
            .put("/admin/apps/{app}/devices/sn-4/class", app).then().statusCode(200).extract().jsonPath().getLong("commandId");
        assertThat(commandOf(older).getString("state")).isEqualTo("FAILED");
        assertThat(commandOf(newer).getString("state")).isEqualTo("QUEUED");
        assertThat(commandOf(newer).getInt("payload.id")).isEqualTo(2);
    }

    @Test
    void aRestCallThatWaitsGetsTheResultOfTheAck() throws Exception {
        Address.Identity device = online("sn-5");
        var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> command("sn-5", "face_data_count", null, null, "10s"));
        Deliver count = around.deliver("face_data_count", device);
        around.outcome(GatewayAndCore.delivered(count, EnvelopeCodec.toJson(Map.of("ack", true, "count", 56))));
        Response answered = waiting.get(20, java.util.concurrent.TimeUnit.SECONDS);
        answered.then().statusCode(200).body("state", equalTo("SUCCESSFUL")).body("result.count", equalTo(56));
    }

    @Test
    void aCommandToAnUnknownEventOrDeviceIsRefusedWithWhy() {
        createDevice("sn-6");
        command("sn-6", "format_disk", null, null).then().statusCode(400);
        command("no-such-device", "restart_device", null, null).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("serial", "x")).post("/admin/apps/{app}/devices", app).then().statusCode(401);
    }

    /** A new device, authenticated and told auth:ok. @return it, as the core knows it */
    @Test
    void aCommandWhoseNudgeWasLostStillGoesOutToItsOnlineDevice() {
        // given an online device, and a command queued for it whose nudge never came (a failure after the queue
        // committed): written straight into the ledger, as the failed follow-up left it
        Address.Identity device = online("sn-8");
        database.preparedQuery("INSERT INTO device.command (app, serial, event, state, max_attempts, ack_timeout_ms, expires_at,"
                + " created_at) VALUES ($1, 'sn-8', 'device_status', 'QUEUED', 3, 10000, now() + interval '1 hour', now() - interval '10 seconds')")
            .execute(Tuple.of(app)).await().atMost(Duration.ofSeconds(10));

        // then the sweeper sends it all the same
        Deliver status = around.deliver("device_status", device);
        assertThat(status.ackOrDefault().mode()).isEqualTo(Ack.Mode.CLIENT);
    }

    private Address.Identity online(String serial) {
        authenticate(serial, createDevice(serial));
        Address.Identity device = new Address.Identity(app, IdentityKinds.DEVICE, serial);
        around.deliver("auth:ok", device);
        return device;
    }

    private String createDevice(String serial) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("serial", serial, "name", "board"))
            .post("/admin/apps/{app}/devices", app).then().statusCode(201).extract().jsonPath().getString("deviceKey");
    }

    /** The device's connection sends the seed's signature; the gateway keys it by the device. @return the connection */
    private String authenticate(String serial, String key) {
        String connection = UUID.randomUUID().toString();
        String signature = Base64.getEncoder().encodeToString((serial + ":" + key).getBytes(StandardCharsets.UTF_8));
        around.frame(app, connection, app + "/" + serial, "authentication", EnvelopeCodec.toJson(Map.of("signature", signature)));
        return connection;
    }

    private Response command(String serial, String event, Object payload, Map<String, Object> options) {
        return command(serial, event, payload, options, null);
    }

    private Response command(String serial, String event, Object payload, Map<String, Object> options, String wait) {
        Map<String, Object> body = new java.util.HashMap<>(options == null ? Map.of() : options);
        body.put("event", event);
        if (payload != null) {
            body.put("payload", payload);
        }
        var request = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body);
        if (wait != null) {
            request = request.queryParam("wait", wait);
        }
        return request.post("/admin/apps/{app}/devices/{serial}/commands", app, serial);
    }

    private io.restassured.path.json.JsonPath commandOf(long id) {
        return given().header("Authorization", ADMIN).get("/admin/apps/{app}/commands/{id}", app, id).then().statusCode(200)
            .extract().jsonPath();
    }
}
