package org.pushplatform.device.inbound;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.contract.DeviceSignatures;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.device.auth.Authenticator;
import org.pushplatform.device.commands.CommandChanges;
import org.pushplatform.device.commands.CommandDispatcher;
import org.pushplatform.device.commands.CommandLedger;
import org.pushplatform.device.devices.ClientFrame;
import org.pushplatform.device.devices.DeviceRef;
import org.pushplatform.device.devices.DeviceStore;
import org.pushplatform.device.messaging.DeviceEvents;
import org.pushplatform.device.messaging.DeviceNudges;
import org.pushplatform.device.rooms.RoomFrames;
import org.pushplatform.service.Retries;

/**
 * Reads {@code push.in.device} a poll at a time: the frames and closes of the device API's connections, and this
 * service's nudges. A poll is handled in steps, each one statement for all its records: authentications; closes
 * (the device offline unless it connected again elsewhere, its unanswered commands queued again); room frames;
 * then the next commands of every device that authenticated, was nudged or has a place free. A device's records
 * all come under its key, so this instance is the only one sending its commands.
 */
@ApplicationScoped
public class DeviceFrameConsumer {

    private static final Logger LOG = Logger.getLogger(DeviceFrameConsumer.class);
    private static final String AUTHENTICATION = EnvelopeTypes.frame(DeviceSignatures.API, DeviceSignatures.AUTHENTICATION);
    private static final String FRAME_PREFIX = DeviceSignatures.API + ".";

    private final Authenticator authenticator;
    private final RoomFrames rooms;
    private final DeviceStore devices;
    private final CommandLedger ledger;
    private final CommandChanges changes;
    private final CommandDispatcher dispatcher;
    private final DeviceEvents events;
    private final MeterRegistry metrics;

    public DeviceFrameConsumer(Authenticator authenticator, RoomFrames rooms, DeviceStore devices, CommandLedger ledger,
                               CommandChanges changes, CommandDispatcher dispatcher, DeviceEvents events, MeterRegistry metrics) {
        this.authenticator = authenticator;
        this.rooms = rooms;
        this.devices = devices;
        this.ledger = ledger;
        this.changes = changes;
        this.dispatcher = dispatcher;
        this.events = events;
        this.metrics = metrics;
    }

    /** A poll's records, sorted into the steps they take. */
    private static final class Poll {
        final List<ClientFrame> authentications = new ArrayList<>();
        final List<DeviceStore.Connection> closed = new ArrayList<>();
        final List<ClientFrame> roomFrames = new ArrayList<>();
        final List<String> roomEvents = new ArrayList<>();
        final Set<DeviceRef> toDispatch = new LinkedHashSet<>();
    }

    @Incoming("device-in")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        Poll poll = new Poll();
        for (ConsumerRecord<String, String> record : records) {
            try {
                sort(poll, new ClientFrame(EnvelopeCodec.decode(record.value()), record.key()));
            } catch (EnvelopeCodec.MalformedEnvelopeException e) {
                metrics.counter("push_records_rejected_total", "topic", record.topic()).increment();
                LOG.warnf("[device] dropped a record of %s that is not an envelope: %s", record.topic(), e.getMessage());
            }
        }
        return Retries.whileTransient(() -> authenticator.authenticate(poll.authentications), "authentications")
            .invoke(poll.toDispatch::addAll)
            .call(() -> Retries.whileTransient(() -> closed(poll), "closed connections"))
            .call(() -> Retries.whileTransient(() -> rooms.handle(poll.roomFrames, poll.roomEvents), "room frames"))
            .call(() -> Retries.whileTransient(() -> dispatcher.sendNext(new ArrayList<>(poll.toDispatch)), "sending commands"))
            .replaceWithVoid();
    }

    private void sort(Poll poll, ClientFrame frame) {
        Envelope envelope = frame.envelope();
        String type = envelope.type();
        if (AUTHENTICATION.equals(type)) {
            poll.authentications.add(frame);
        } else if (EnvelopeTypes.CONNECTION_CLOSED.equals(type)) {
            rooms.closed(frame.connectionId());
            DeviceRef device = frame.namedDevice();
            if (device != null) {
                poll.closed.add(new DeviceStore.Connection(device, envelope.nodeId(), frame.connectionId()));
            }
        } else if (DeviceNudges.DISPATCH.equals(type) && envelope.app() != null && envelope.identity() != null) {
            poll.toDispatch.add(new DeviceRef(envelope.app(), envelope.identity()));
        } else if (type.startsWith(FRAME_PREFIX) && DeviceSignatures.CLIENT_EVENTS.contains(type.substring(FRAME_PREFIX.length()))) {
            poll.roomFrames.add(frame);
            poll.roomEvents.add(type.substring(FRAME_PREFIX.length()));
        } else if (!EnvelopeTypes.CONNECTION_OPENED.equals(type)) {
            metrics.counter("push_device_records_ignored_total", "type", type).increment();
        }
    }

    /** Closed connections: devices offline, their unanswered commands timed out (queued again while attempts are left). */
    private Uni<Void> closed(Poll poll) {
        return devices.offline(poll.closed).flatMap(cleared -> {
            cleared.forEach(c -> events.offline(c.device(), c.nodeId(), c.connectionId()));
            return ledger.lostWith(poll.closed);
        }).flatMap(lost -> {
            // a device connected again elsewhere gets them at once
            lost.forEach(change -> poll.toDispatch.add(change.device()));
            changes.published(lost);
            return Uni.createFrom().voidItem();
        });
    }
}
