package org.pushplatform.contract.delivery;

/** A delivery command or outcome: it knows its app and the Kafka key that keeps its address's records in order. */
public interface DeliveryRecord {

    /** The envelope type. */
    String type();

    /** The address the record is about. */
    Address subject();

    default String app() {
        Address subject = subject();
        return subject == null ? null : subject.app();
    }

    /** The Kafka key: the address a command is about (an outcome's is its requester). */
    default String key() {
        Address subject = subject();
        return subject == null ? null : subject.key();
    }
}
