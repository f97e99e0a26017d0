package org.pushplatform.contract;

/** Kafka topic names under a configurable prefix (default {@code push.}). */
public record Topics(String prefix) {

    public static final String DEFAULT_PREFIX = "push.";

    public static Topics withDefaultPrefix() {
        return new Topics(DEFAULT_PREFIX);
    }

    /** Client frames and connection lifecycle for one service: routing, chat, device or iot. */
    public String inbound(String service) {
        return prefix + "in." + service;
    }

    /** Deliveries to one gateway node. */
    public String gateway(String nodeId) {
        return prefix + "gw." + nodeId;
    }

    /** Gateway heartbeats, read by every instance of every service that tracks connections. */
    public String heartbeats() {
        return prefix + "heartbeats";
    }

    /** Delivery commands from domain services and REST to routing. */
    public String route() {
        return prefix + "route";
    }

    /**
     * Routing to routing: a delivery resolved to identities, sent to the partition that owns them. It has the
     * partition count of {@link #inbound(String) push.in.routing}, so partition p of both has one owner.
     */
    public String repartition() {
        return prefix + "route.internal";
    }

    /** Outcomes of delivery commands, keyed by their requester. */
    public String deliveryOutcomes() {
        return events("deliveries");
    }

    /** Publish and deliver commands from other teams. */
    public String commands() {
        return prefix + "commands";
    }

    /** Integration events of one kind, as CloudEvents JSON. */
    public String events(String kind) {
        return prefix + "events." + kind;
    }
}
