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
    void anEmptyPollHasNoRounds() {
        assertThat(KeyedRounds.of(List.<String>of(), r -> r)).isEmpty();
    }
}
