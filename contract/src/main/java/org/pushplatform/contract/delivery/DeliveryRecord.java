package org.pushplatform.contract.delivery;

/** A delivery command or outcome: it knows its app and the Kafka key that keeps its address's records in order. */
public interface DeliveryRecord {

    /** The envelope type. */
    String type();

    String app();

    /** The Kafka key: the address a command is about, the requester of an outcome. */
    String key();
}
