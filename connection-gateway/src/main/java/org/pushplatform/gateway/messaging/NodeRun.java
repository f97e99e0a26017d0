package org.pushplatform.gateway.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** This run of the node: a boot id new at every start (routing drops a node's connections when it changes), and when it started. */
@ApplicationScoped
public class NodeRun {

    private final String bootId = UUID.randomUUID().toString();
    private final long startedAt = System.currentTimeMillis();

    public String bootId() {
        return bootId;
    }

    public long startedAt() {
        return startedAt;
    }
}
