package org.pushplatform.routing.messages;

import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.routing.delivery.Target;

/**
 * A message to everyone with an alias, or to a topic's subscribers, in one app.
 *
 * @param toAlias    to the alias named by {@code target}, or else to the topic
 * @param qos        0, 1 or 2 (as pubsub's)
 * @param ttlSeconds how long it is kept for who is offline; null: the API's default
 * @param messageId  the publisher's message id
 * @param publisher  the identity that published it (told of its first receiver), or null
 * @param sourceId   the id of the record asking, so that asking twice stores once; may be null
 */
public record AppMessage(String app, boolean toAlias, String target, JsonNode msg, int qos, Long ttlSeconds, String messageId,
                         Target publisher, String sourceId) {

    public Address to() {
        return toAlias ? new Address.Identity(app, IdentityKinds.ALIAS, target) : new Address.Topic(app, target);
    }
}
