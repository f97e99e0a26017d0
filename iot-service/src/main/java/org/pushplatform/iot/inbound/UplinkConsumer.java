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
 * name, so that one channel's or device's are handled in order ({@link RecordByRecord}). A record that is not an
 * uplink is counted and dropped.
 */
@ApplicationScoped
public class UplinkConsumer {

    private static final Logger LOG = Logger.getLogger(UplinkConsumer.class);
    private static final String UPLINK = EnvelopeTypes.frame(IotApi.API, IotApi.UPLINK);

    private final Uplinks uplinks;
    private final MeterRegistry metrics;

    public UplinkConsumer(Uplinks uplinks, MeterRegistry metrics) {
        this.uplinks = uplinks;
        this.metrics = metrics;
    }

    @Incoming("iot-in")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return RecordByRecord.handle(records, this::handle, "uplinks", metrics);
    }

    private Uni<Void> handle(ConsumerRecord<String, String> record) {
        IotApi.Uplink uplink;
        Envelope envelope;
        try {
            envelope = EnvelopeCodec.decode(record.value());
            uplink = UPLINK.equals(envelope.type()) ? EnvelopeCodec.payload(envelope, IotApi.Uplink.class) : null;
        } catch (RuntimeException e) {
            uplink = null;
            envelope = null;
        }
        if (uplink == null) {
            metrics.counter("push_records_rejected_total", "topic", record.topic()).increment();
            LOG.warnf("[iot] dropped a record of %s that is not an uplink", record.topic());
            return Uni.createFrom().voidItem();
        }
        return uplinks.handle(envelope.app(), uplink);
    }
}
