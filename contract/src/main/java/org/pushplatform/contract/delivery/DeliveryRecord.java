package org.pushplatform.contract.delivery;

/** A delivery command or outcome: it knows its app and the Kafka key that keeps its address's records in order. */
public interface DeliveryRecord {

    /** The envelope type. */
    String type();

    /** The address the record is about. */
    Address subject();

    /** The id its outcomes carry, for the records whose requester may ask for one; else null. */
    default String messageId() {
        return null;
    }

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
