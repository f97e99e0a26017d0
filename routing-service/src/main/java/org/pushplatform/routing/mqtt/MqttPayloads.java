package org.pushplatform.routing.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.pushplatform.contract.EnvelopeCodec;

/** An MQTT payload as the clients of JSON APIs (pubsub, push-server) get it. */
final class MqttPayloads {

    private MqttPayloads() {
    }

    /** The payload's JSON when it is JSON text, else its UTF-8 text; bytes that are no UTF-8 stay base64. */
    static JsonNode msgOf(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return TextNode.valueOf(base64);
        }
        try {
            JsonNode json = EnvelopeCodec.mapper().readTree(text);
            return json == null || json.isMissingNode() ? TextNode.valueOf(text) : json;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
