package org.pushplatform.routing.inbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a poll's records into rounds that keep the order of each key: round i holds the i-th record of every key.
 * The records of one round touch different keys, so they can be handled together; rounds run one after another.
 */
final class KeyedRounds {

    private KeyedRounds() {
    }

    /** @param keyOf the ordering key of a record: its Kafka key (with topic and partition), or its partition when it has none */
    static <T> List<List<T>> of(List<T> records, java.util.function.Function<T, String> keyOf) {
        Map<String, Integer> seenPerKey = new LinkedHashMap<>();
        List<List<T>> rounds = new ArrayList<>();
        for (T record : records) {
            int round = seenPerKey.merge(keyOf.apply(record), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(record);
        }
        return rounds;
    }
}
