package org.pushplatform.iot.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.iot.notices.NoticeKind;
import org.pushplatform.iot.notices.NoticeShapes;
import org.pushplatform.iot.notices.Notices;
import org.pushplatform.iot.things.Names;
import org.pushplatform.iot.things.ThingRef;

/**
 * Device changes other teams write to {@code push.commands.iot} as CloudEvents, structured JSON or binary (type in the
 * {@code ce_type} header): type {@code org.pushplatform.iot.<notice type>} (e.g. {@code org.pushplatform.iot.thing.status}),
 * data {@code {app, productKey, deviceName, id?, params}}. Each becomes the notice its owners' channels get; a record
 * this service cannot use is counted by reason and logged, and never stops the ones after it.
 */
@ApplicationScoped
public class ChangeConsumer {

    public static final String TYPE_PREFIX = "org.pushplatform.iot.";
    private static final Logger LOG = Logger.getLogger(ChangeConsumer.class);

    private final Notices notices;
    private final MeterRegistry metrics;

    public ChangeConsumer(Notices notices, MeterRegistry metrics) {
        this.notices = notices;
        this.metrics = metrics;
    }

    @Incoming("iot-changes")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return RecordByRecord.handle(records, this::handle, "device changes", metrics);
    }

    private Uni<Void> handle(ConsumerRecord<String, String> record) {
        JsonNode value;
        try {
            value = EnvelopeCodec.mapper().readTree(record.value() == null ? "" : record.value());
        } catch (Exception e) {
            return rejected(record, "not-json");
        }
        // binary mode: the attributes are headers and the value is the data; structured: all in the value
        Header binaryType = record.headers().lastHeader("ce_type");
        String type = binaryType != null ? new String(binaryType.value(), StandardCharsets.UTF_8)
            : value == null ? null : value.path("type").asText("");
        JsonNode data = binaryType != null ? value : value == null ? null : value.get("data");
        Optional<NoticeKind> kind = type != null && type.startsWith(TYPE_PREFIX)
            ? NoticeKind.ofType(type.substring(TYPE_PREFIX.length())) : Optional.empty();
        if (kind.isEmpty()) {
            return rejected(record, "unknown-type");
        }
        if (data == null || !data.isObject()) {
            return rejected(record, "no-data");
        }
        String app = data.path("app").asText("");
        String productKey = data.path("productKey").asText(null);
        String deviceName = data.path("deviceName").asText(null);
        if (app.isEmpty() || app.length() > 128 || !Names.isProductKey(productKey) || !Names.isDeviceName(deviceName)) {
            return rejected(record, "bad-device");
        }
        JsonNode id = data.get("id");
        return notices.send(kind.get(), new ThingRef(app, productKey, deviceName), id == null ? null : id.asText(), data.get("params"))
            .flatMap(sent -> sent.deviceFound() ? Uni.createFrom().voidItem() : rejected(record, "unknown-device"))
            .onFailure(NoticeShapes.InvalidNotice.class).recoverWithUni(e -> rejected(record, "invalid-params"));
    }

    private Uni<Void> rejected(ConsumerRecord<String, String> record, String reason) {
        metrics.counter("push_iot_changes_rejected_total", "reason", reason).increment();
        LOG.warnf("[iot] a device change keyed %s at offset %d of %s was not used: %s", record.key(), record.offset(), record.topic(),
            reason);
        return Uni.createFrom().voidItem();
    }
}
