package org.pushplatform.contract.delivery;

import java.util.Map;

import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;

/** Delivery commands and outcomes in and out of envelopes. */
public final class DeliveryRecords {

    private static final Map<String, Class<? extends DeliveryRecord>> PAYLOADS = Map.of(
        Deliver.TYPE, Deliver.class,
        ControlCommands.BindIdentity.TYPE, ControlCommands.BindIdentity.class,
        ControlCommands.JoinRoom.TYPE, ControlCommands.JoinRoom.class,
        ControlCommands.LeaveRoom.TYPE, ControlCommands.LeaveRoom.class,
        ControlCommands.Subscribe.TYPE, ControlCommands.Subscribe.class,
        ControlCommands.Unsubscribe.TYPE, ControlCommands.Unsubscribe.class,
        ControlCommands.Disconnect.TYPE, ControlCommands.Disconnect.class,
        DeliveryOutcome.TYPE, DeliveryOutcome.class);

    private DeliveryRecords() {
    }

    /** True for the envelope types of this package. */
    public static boolean isDeliveryRecord(String type) {
        return PAYLOADS.containsKey(type);
    }

    /** A command or outcome in its envelope. */
    public static Envelope envelope(DeliveryRecord record, String messageId) {
        return new Envelope(Envelope.VERSION, record.type(), record.app(), null, null, null, messageId,
            System.currentTimeMillis(), EnvelopeCodec.toJson(record));
    }

    /** @throws EnvelopeCodec.MalformedEnvelopeException when the envelope is not a delivery record or its payload not one */
    public static DeliveryRecord payloadOf(Envelope envelope) {
        Class<? extends DeliveryRecord> type = PAYLOADS.get(envelope.type());
        if (type == null) {
            throw new EnvelopeCodec.MalformedEnvelopeException("not a delivery record: " + envelope.type());
        }
        return EnvelopeCodec.payload(envelope, type);
    }
}
