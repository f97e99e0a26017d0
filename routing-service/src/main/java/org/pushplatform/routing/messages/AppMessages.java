package org.pushplatform.routing.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
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

    private final DeliveryHub hub;
    private final List<MessageShape> shapes;

    public AppMessages(DeliveryHub hub, Instance<MessageShape> shapes) {
        this.hub = hub;
        this.shapes = shapes.stream().sorted(java.util.Comparator.comparing(MessageShape::api)).toList();
    }

    /** @return what became of each message, in order */
    public Uni<List<Sent>> sendAll(List<AppMessage> messages) {
        List<DeliveryHub.Request> requests = new ArrayList<>(messages.size() * shapes.size());
        for (AppMessage message : messages) {
            for (MessageShape shape : shapes) {
                String sourceId = message.sourceId() == null ? null : message.sourceId() + "#" + shape.api();
                requests.add(new DeliveryHub.Request(shape.deliveryOf(message), message.publisher(), sourceId));
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
}
