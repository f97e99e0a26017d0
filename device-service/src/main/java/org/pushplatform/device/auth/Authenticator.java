package org.pushplatform.device.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.DeviceSignatures;
import org.pushplatform.contract.delivery.ControlCommands;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.device.config.DeviceConfig;
import org.pushplatform.device.devices.ClientFrame;
import org.pushplatform.device.devices.DeviceRef;
import org.pushplatform.device.devices.DeviceStore;
import org.pushplatform.device.messaging.ClientEvents;
import org.pushplatform.device.messaging.CoreCommands;
import org.pushplatform.device.messaging.DeviceEvents;
import org.pushplatform.device.messaging.Payloads;

/**
 * Checks a poll's {@code authentication} frames together (one statement for the devices' keys): a device whose
 * signature holds is recorded as connected there, its connection is bound to it in the core and it is told
 * {@code auth:ok}; any other gets {@code auth:fail {error_msg}} and nothing else, and its gateway closes it when
 * its unbound timeout ends. The bind and {@code auth:ok} go to the core under the device's key, before the commands
 * sent to it next, so the device hears {@code auth:ok} first.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);
    /** The seed's own text for every refused signature: a device learns nothing more from it. */
    static final String NOT_VALID = "signature not valid.";

    private final DeviceStore devices;
    private final CoreCommands core;
    private final DeviceEvents events;
    private final SignatureCheck check;
    private final MeterRegistry metrics;

    public Authenticator(DeviceStore devices, CoreCommands core, DeviceEvents events, DeviceConfig config, MeterRegistry metrics) {
        this.devices = devices;
        this.core = core;
        this.events = events;
        this.metrics = metrics;
        this.check = new SignatureCheck(config.device().signatureMaxSkew(), new RecentNonces(config.device().signatureMaxSkew()));
    }

    /** @return the devices that authenticated */
    public Uni<List<DeviceRef>> authenticate(List<ClientFrame> frames) {
        List<DeviceRef> named = frames.stream().map(ClientFrame::namedDevice).filter(d -> d != null).distinct().toList();
        return devices.credentials(named).flatMap(credentials -> {
            List<DeliveryRecord> commands = new ArrayList<>();
            List<DeviceStore.Connection> online = new ArrayList<>();
            for (ClientFrame frame : frames) {
                SignatureCheck.Verdict verdict = verdictOf(frame, credentials);
                metrics.counter("push_device_authentications_total", "outcome", verdict.name().toLowerCase(java.util.Locale.ROOT)).increment();
                if (verdict == SignatureCheck.Verdict.OK) {
                    DeviceRef device = frame.namedDevice();
                    online.add(new DeviceStore.Connection(device, frame.envelope().nodeId(), frame.connectionId()));
                    commands.add(new ControlCommands.BindIdentity(frame.connection(), device.identity(), DeviceSignatures.API));
                    commands.add(ClientEvents.toDevice(device, "auth:ok", null));
                } else {
                    LOG.infof("[%s] authentication refused: %s", frame.connectionId(), verdict);
                    commands.add(ClientEvents.toConnection(frame.connection(), "auth:fail",
                        JsonNodeFactory.instance.objectNode().put("error_msg", NOT_VALID)));
                }
            }
            return devices.online(online).call(() -> core.send(commands)).map(ignored -> {
                online.forEach(c -> events.online(c.device(), c.nodeId(), c.connectionId()));
                return online.stream().map(DeviceStore.Connection::device).distinct().toList();
            });
        });
    }

    private SignatureCheck.Verdict verdictOf(ClientFrame frame, Map<DeviceRef, DeviceStore.Credentials> credentials) {
        DeviceRef device = frame.namedDevice();
        DeviceStore.Credentials found = device == null ? null : credentials.get(device);
        String signature = Payloads.text(frame.payload(), "signature");
        if (device == null || signature == null) {
            return SignatureCheck.Verdict.MALFORMED;
        }
        if (found == null) {
            return SignatureCheck.Verdict.UNKNOWN_DEVICE;
        }
        return check.check(signature, device.serial(), found.deviceKey(), found.requireHmac(), System.currentTimeMillis());
    }
}
