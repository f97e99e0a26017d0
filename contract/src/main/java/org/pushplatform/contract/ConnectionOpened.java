package org.pushplatform.contract;

/**
 * Payload of {@link EnvelopeTypes#CONNECTION_OPENED}.
 *
 * @param api           which wire API the client speaks (pubsub, push, device, chat, iot)
 * @param transport     the transport it came over (websocket, polling, tcp, mqtt)
 * @param remoteAddress the client's address, for logs
 */
public record ConnectionOpened(String api, String transport, String remoteAddress) {
}
