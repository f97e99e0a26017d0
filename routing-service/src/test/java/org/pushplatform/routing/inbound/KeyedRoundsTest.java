package org.pushplatform.routing.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeyedRoundsTest {

    @Test
    void eachRoundHoldsAtMostOneRecordOfAKeyAndKeysKeepTheirOrder() {
        // given records "key:n" as they came in a poll
        List<String> poll = List.of("a:1", "b:1", "a:2", "c:1", "a:3", "b:2");

        // when
        List<List<String>> rounds = KeyedRounds.of(poll, record -> record.substring(0, 1));

        // then
        assertThat(rounds).containsExactly(List.of("a:1", "b:1", "c:1"), List.of("a:2", "b:2"), List.of("a:3"));
    }

    @Test
    void aRunOfRecordsOneHandlerTakesTogetherIsOneStepOfItsKey() {
        // given records "key:batch:n": a burst of publishes from a, a subscribe between a's publishes, b's receipts
        List<String> poll = List.of("a:pub:1", "b:rcpt:1", "a:pub:2", "a:pub:3", "a:sub:4", "b:rcpt:2", "a:pub:5", "c:sub:1", "c:sub:2");

        // when subscribes go one at a time and publishes and receipts in runs
        List<List<String>> rounds = KeyedRounds.of(poll, record -> record.substring(0, 1),
            record -> record.contains(":sub:") ? null : record.split(":")[1]);

        // then a's first three publishes and b's receipts are one step each; what follows a's subscribe waits for it
        assertThat(rounds).containsExactly(
            List.of("a:pub:1", "b:rcpt:1", "a:pub:2", "a:pub:3", "b:rcpt:2", "c:sub:1"),
            List.of("a:sub:4", "c:sub:2"),
            List.of("a:pub:5"));
    }

    @Test
    void anEmptyPollHasNoRounds() {
        assertThat(KeyedRounds.of(List.<String>of(), r -> r)).isEmpty();
    }
}
