package org.pushplatform.iot.inbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.IotApi;

/**
 * Reads {@code push.in.iot} a poll at a time: MQTT clients' uplinks, keyed by their topic's product key and device
 * name, and device clients' presence under the same key, so that one channel's or device's are handled in order
 * ({@link RecordByRecord}). A record that is neither is counted and dropped.
 */
@ApplicationScoped
public class UplinkConsumer {

    private static final Logger LOG = Logger.getLogger(UplinkConsumer.class);
    private static final String UPLINK = EnvelopeTypes.frame(IotApi.API, IotApi.UPLINK);
    private static final String PRESENCE = EnvelopeTypes.frame(IotApi.API, IotApi.PRESENCE);

    private final Uplinks uplinks;
    private final DeviceUplinks devices;
    private final MeterRegistry metrics;

    public UplinkConsumer(Uplinks uplinks, DeviceUplinks devices, MeterRegistry metrics) {
        this.uplinks = uplinks;
        this.devices = devices;
        this.metrics = metrics;
    }

    @Incoming("iot-in")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return RecordByRecord.handle(records, this::handle, "uplinks", metrics);
    }

    private Uni<Void> handle(ConsumerRecord<String, String> record) {
        try {
            Envelope envelope = EnvelopeCodec.decode(record.value());
            if (UPLINK.equals(envelope.type())) {
                return uplinks.handle(envelope.app(), EnvelopeCodec.payload(envelope, IotApi.Uplink.class));
            }
            if (PRESENCE.equals(envelope.type())) {
                return devices.presence(envelope.app(), EnvelopeCodec.payload(envelope, IotApi.Presence.class), envelope.timestamp());
            }
        } catch (RuntimeException e) {
            // not an envelope, or not a payload of its type: dropped as below
        }
        metrics.counter("push_records_rejected_total", "topic", record.topic()).increment();
        LOG.warnf("[iot] dropped a record of %s that is neither an uplink nor a presence", record.topic());
        return Uni.createFrom().voidItem();
    }
}
