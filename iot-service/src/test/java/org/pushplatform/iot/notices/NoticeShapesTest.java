package org.pushplatform.iot.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pushplatform.iot.things.ThingRef;

class NoticeShapesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThingRef DEVICE = new ThingRef("app", "X5eCzh6fEH7", "5gJtxDVeGAkaEztpisjX");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void statusValueIsAStringOfTheSeedsFourAndATimeIsFilledIn() throws Exception {
        var message = NoticeShapes.message(NoticeKind.STATUS, "m1", DEVICE, "iot1", json("{\"value\": 8}"), 42L);
        assertThat(message.toString()).isEqualTo("{\"id\":\"m1\",\"version\":\"1.0\",\"params\":{\"iotId\":\"iot1\","
            + "\"productKey\":\"X5eCzh6fEH7\",\"deviceName\":\"5gJtxDVeGAkaEztpisjX\",\"status\":{\"time\":42,\"value\":\"8\"}},"
            + "\"method\":\"thing.status\"}");
        assertThatThrownBy(() -> NoticeShapes.message(NoticeKind.STATUS, "m1", DEVICE, "iot1", json("{\"value\": 2}"), 42L))
            .isInstanceOf(NoticeShapes.InvalidNotice.class).hasMessageContaining("0, 1, 3, 8");
    }

    @Test
    void propertiesNeedItemsAndKeepTheMethodEmpty() throws Exception {
        var message = NoticeShapes.message(NoticeKind.PROPERTIES, "m2", DEVICE, "iot1", json("{\"items\": {\"t\": 1}}"), 7L);
        assertThat(message.get("method").asText()).isEmpty();
        assertThat(message.at("/params/items/t").toString()).isEqualTo("{\"time\":7,\"value\":1}");
        assertThatThrownBy(() -> NoticeShapes.message(NoticeKind.PROPERTIES, "m2", DEVICE, "iot1", json("{\"items\": {}}"), 7L))
            .isInstanceOf(NoticeShapes.InvalidNotice.class);
        assertThatThrownBy(() -> NoticeShapes.message(NoticeKind.PROPERTIES, "m2", DEVICE, "iot1", json("[1]"), 7L))
            .isInstanceOf(NoticeShapes.InvalidNotice.class);
    }

    @Test
    void topologyGoesInParamWithTheNoticesDeviceAsTheNewGateway() throws Exception {
        var message = NoticeShapes.message(NoticeKind.TOPO_ADD_STATUS, "m3", DEVICE, "iot1", json("{\"status\": 1, \"subDeviceName\": \"s\"}"), 0L);
        assertThat(message.has("params")).isFalse();
        assertThat(message.at("/param/newGwDeviceName").asText()).isEqualTo("5gJtxDVeGAkaEztpisjX");
        assertThat(message.at("/param/status").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> NoticeShapes.message(NoticeKind.TOPO_ADD_STATUS, "m3", DEVICE, "iot1",
            json("{\"status\": 0, \"subDeviceName\": \"" + "x".repeat(257) + "\"}"), 0L)).isInstanceOf(NoticeShapes.InvalidNotice.class);
    }

    @Test
    void otaNeedsAnUpgradeStatusOfTheSeeds() throws Exception {
        var message = NoticeShapes.message(NoticeKind.OTA_FORWARD, "m4", DEVICE, "iot1", json("{\"upgradeStatus\": 4, \"step\": 100}"), 0L);
        assertThat(message.get("params").toString()).isEqualTo("{\"iotId\":\"iot1\",\"srcVersion\":\"\",\"destVersion\":\"\",\"step\":100,"
            + "\"desc\":\"\",\"upgradeStatus\":4}");
        assertThatThrownBy(() -> NoticeShapes.message(NoticeKind.OTA_FORWARD, "m4", DEVICE, "iot1", json("{\"upgradeStatus\": 5}"), 0L))
            .isInstanceOf(NoticeShapes.InvalidNotice.class);
    }
}
