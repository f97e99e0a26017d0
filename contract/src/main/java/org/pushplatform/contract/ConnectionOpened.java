package org.pushplatform.contract;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Payload of {@link EnvelopeTypes#CONNECTION_OPENED}: the handshake, for the service that owns the connection's API
 * (a token in the query string or in Socket.IO v4's {@code auth} payload is how some APIs say who connects).
 *
 * @param api           which wire API the client speaks (pubsub, push, device, chat, iot)
 * @param transport     the transport it came over (websocket, polling, tcp, mqtt)
 * @param remoteAddress the client's address, for logs
 * @param query         the handshake's query parameters, when there are any
 * @param auth          Socket.IO v4's {@code auth} payload, when the client sent one
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConnectionOpened(String api, String transport, String remoteAddress, Map<String, List<String>> query, JsonNode auth) {

    public ConnectionOpened(String api, String transport, String remoteAddress) {
        this(api, transport, remoteAddress, null, null);
    }
}
