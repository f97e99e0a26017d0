package org.pushplatform.gateway.session;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a delivery is written for one connection; each protocol adapter knows its own wire format. */
public interface ClientSink {

    void emit(String event, List<JsonNode> args);

    void close();
}
