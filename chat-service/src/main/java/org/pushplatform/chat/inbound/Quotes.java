package org.pushplatform.chat.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.conversations.MessagePayloads;
import org.pushplatform.chat.conversations.MessageStore;

/** A message's {@code refer}: the quoted message expanded as the seed delivers it, when it is the sender's to see. */
@ApplicationScoped
public class Quotes {

    static final String NOT_QUOTABLE = "refer.msgid names no message of a conversation of yours";

    /** A quote as delivered: none asked (null refer), or refused when not the sender's to see. */
    public record Quote(ObjectNode refer, boolean allowed) {
    }

    private final MessageStore messages;

    public Quotes(MessageStore messages) {
        this.messages = messages;
    }

    public Uni<Quote> of(AccountStore.Account sender, JsonNode payload) {
        String msgid = payload.path("refer").path("msgid").asText(null);
        if (msgid == null) {
            return Uni.createFrom().item(new Quote(null, true));
        }
        return messages.quotable(sender.app(), msgid, sender.id())
            .map(quoted -> quoted == null ? new Quote(null, false) : new Quote(MessagePayloads.refer(quoted), true));
    }
}
