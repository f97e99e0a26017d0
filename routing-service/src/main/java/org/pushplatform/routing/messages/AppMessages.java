package org.pushplatform.routing.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.pushplatform.contract.IotApi;
import org.pushplatform.routing.delivery.DeliveryHub;

/**
 * Sends messages to every API's clients at once: one delivery per message and API, all carried out together (the
 * core resolves them in one statement per kind of address, and stores nothing for an API with no receiver).
 */
@ApplicationScoped
public class AppMessages {

    /** What became of one message: how many identities of any API it is for, new or a repeat, or why it was refused. */
    public record Sent(int targets, boolean isNew, String refusal) {
    }

    static final String RESERVED = "topics under " + IotApi.SYS_PREFIX + " are the IoT channel's";

    private final DeliveryHub hub;
    private final List<MessageShape> shapes;

    public AppMessages(DeliveryHub hub, Instance<MessageShape> shapes) {
        this.hub = hub;
        this.shapes = shapes.stream().sorted(java.util.Comparator.comparing(MessageShape::api)).toList();
    }

    /**
     * Messages to topics under {@code /sys/} are refused whichever API sends them: those topics are the IoT channel's,
     * whose messages go to client ids, never through the topic space (pubsub refuses them where they enter; this
     * holds for every other way in). @return what became of each message, in order
     */
    public Uni<List<Sent>> sendAll(List<AppMessage> messages) {
        if (messages.stream().anyMatch(AppMessages::reserved)) {
            List<AppMessage> allowed = messages.stream().filter(m -> !reserved(m)).toList();
            return sendAll(allowed).map(sent -> {
                List<Sent> all = new ArrayList<>(messages.size());
                int next = 0;
                for (AppMessage message : messages) {
                    all.add(reserved(message) ? new Sent(0, false, RESERVED) : sent.get(next++));
                }
                return all;
            });
        }
        List<DeliveryHub.Request> requests = new ArrayList<>(messages.size() * shapes.size());
        for (AppMessage message : messages) {
            for (MessageShape shape : shapes) {
                String sourceId = message.sourceId() == null ? null : message.sourceId() + "#" + shape.api();
                requests.add(new DeliveryHub.Request(shape.deliveryOf(message), message.publisher(), sourceId, message.trace()));
            }
        }
        return hub.deliverAll(requests).map(accepted -> {
            List<Sent> sent = new ArrayList<>(messages.size());
            for (int m = 0; m < messages.size(); m++) {
                List<DeliveryHub.Accepted> ofMessage = accepted.subList(m * shapes.size(), (m + 1) * shapes.size());
                sent.add(new Sent(ofMessage.stream().mapToInt(DeliveryHub.Accepted::targets).sum(),
                    ofMessage.stream().anyMatch(DeliveryHub.Accepted::isNew),
                    ofMessage.stream().map(DeliveryHub.Accepted::refusal).filter(Objects::nonNull).findFirst().orElse(null)));
            }
            return sent;
        });
    }

    private static boolean reserved(AppMessage message) {
        return !message.toAlias() && IotApi.isSysTopic(message.target());
    }
}
