package org.pushplatform.routing.inbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Splits a poll's records into rounds that keep the order of each key: round i holds the i-th step of every key,
 * where a step is one record, or a run of consecutive records of the key that its handler takes together, in order,
 * with one statement (a burst of publishes from one client, of receipts, of deliver commands to one address). The
 * steps of one round touch different keys, so they can be handled together; rounds run one after another.
 */
final class KeyedRounds {

    /** Where a key's last record went, and whether the next may join it. */
    private record LastStep(int round, Object batch) {
    }

    private KeyedRounds() {
    }

    /**
     * @param keyOf   the ordering key of a record: its Kafka key (with topic and partition), or its partition when it has none
     * @param batchOf which handler takes a record together with the next ones of the same batch, or null for one at a time
     */
    static <T> List<List<T>> of(List<T> records, Function<T, String> keyOf, Function<T, Object> batchOf) {
        Map<String, LastStep> lastOfKey = new HashMap<>();
        List<List<T>> rounds = new ArrayList<>();
        for (T record : records) {
            Object batch = batchOf.apply(record);
            LastStep last = lastOfKey.get(keyOf.apply(record));
            int round;
            if (last == null) {
                round = 0;
            } else if (batch != null && Objects.equals(batch, last.batch())) {
                round = last.round();
            } else {
                round = last.round() + 1;
            }
            lastOfKey.put(keyOf.apply(record), new LastStep(round, batch));
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(record);
        }
        return rounds;
    }

    /** Every record is its own step. */
    static <T> List<List<T>> of(List<T> records, Function<T, String> keyOf) {
        return of(records, keyOf, record -> null);
    }
}
