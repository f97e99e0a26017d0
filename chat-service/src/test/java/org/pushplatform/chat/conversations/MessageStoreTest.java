package org.pushplatform.chat.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** A poll's messages stored together, against a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class MessageStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String APP = "store-test";

    @Inject
    MessageStore messages;

    @Inject
    AccountStore accounts;

    @Test
    void eachConversationsMessagesTakeTheNextSeqsInTheOrderGivenAndAResendIsAnsweredWithTheFirst() {
        String a = account();
        String b = account();
        String c = account();
        String ab = Conversations.direct(a, b);
        String ac = Conversations.direct(a, c);
        String once = "c-" + UUID.randomUUID();
        List<MessageStore.Stored> stored = messages.storeAll(List.of(message(a, b, ab, null, "1"), message(a, c, ac, null, "x"),
            message(b, a, ab, once, "2"), message(b, a, ab, once, "2 again"), message(a, b, ab, null, "3"))).await().atMost(WAIT);

        assertEquals(List.of(1L, 1L, 2L, 2L, 3L), stored.stream().map(MessageStore.Stored::seq).toList());
        assertFalse(stored.get(2).repeated());
        assertTrue(stored.get(3).repeated(), "the same client message id in the same batch is stored once");
        assertEquals(stored.get(2).id(), stored.get(3).id());

        MessageStore.Stored later = messages.store(message(b, a, ab, once, "2 once more")).await().atMost(WAIT);
        assertTrue(later.repeated(), "and in a later one");
        assertEquals(stored.get(2).id(), later.id());

        // own messages are never unread: a read up to seq 3 (its own last), b up to 2 (its own), so 1 unread (seq 3)
        assertEquals(0, unreadIn(a, ab));
        assertEquals(1, unreadIn(b, ab));
        assertEquals(List.of("1", "2", "3"), messages.history(APP, ab, 0, 10).await().atMost(WAIT).stream()
            .map(h -> h.body().path("msg").path("con").asText()).toList());
    }

    @Test
    void aMessagePostgresqlRefusesFailsAloneAndTheOthersOfItsBatchAreStored() {
        String a = account();
        String b = account();
        String ab = Conversations.direct(a, b);
        // jsonb takes no \u0000: this one makes the batch's transaction fail
        List<MessageStore.Stored> stored = messages.storeAllOrEach(List.of(message(a, b, ab, null, "before"),
            message(a, b, ab, null, "bad \u0000 text"), message(a, b, ab, null, "after"))).await().atMost(WAIT);

        assertNotNull(stored.get(0));
        assertNull(stored.get(1));
        assertNotNull(stored.get(2));
        assertEquals(List.of("before", "after"), messages.history(APP, ab, 0, 10).await().atMost(WAIT).stream()
            .map(h -> h.body().path("msg").path("con").asText()).toList());
        assertEquals(List.of(1L, 2L), messages.history(APP, ab, 0, 10).await().atMost(WAIT).stream()
            .map(MessageStore.HistoryEntry::seq).toList(), "no gap where the refused one would have been");
    }

    private long unreadIn(String account, String conversation) {
        return messages.unread(APP, account).await().atMost(WAIT).stream().filter(u -> u.conversationId().equals(conversation))
            .mapToLong(MessageStore.Unread::count).sum();
    }

    private String account() {
        String id = "u" + UUID.randomUUID().toString().substring(0, 8);
        accounts.save(new AccountStore.Account(APP, id, id, "")).await().atMost(WAIT);
        return id;
    }

    private static MessageStore.NewMessage message(String from, String to, String conversation, String clientMsgId, String text) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("msg").put("con", text);
        return new MessageStore.NewMessage(APP, conversation, from, to, clientMsgId, 1, body, "conn-" + from, "");
    }
}
