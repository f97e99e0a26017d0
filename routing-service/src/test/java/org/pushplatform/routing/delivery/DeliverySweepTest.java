package org.pushplatform.routing.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/**
 * The stored-delivery sweep drops, in steps of a bounded size, what has expired (reporting each to its requester
 * once) and what every target has received, and keeps what someone is still to receive and QoS 2 message ids.
 */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class DeliverySweepTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool database;

    @Inject
    DeliveryStore store;

    @Inject
    DeliverySweeper sweeper;

    String app;
    String reader;

    @BeforeEach
    void anAppWithAReader() {
        app = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        reader = app + "-reader";
        sql("INSERT INTO routing.app (appkey, secret, name) VALUES ('" + app + "', 's', '" + app + "');"
            + " INSERT INTO routing.identity (ref, app, kind, id, created_at, last_seen_at)"
            + " VALUES ('" + reader + "', '" + app + "', 'session', 'reader', now(), now())");
    }

    @Test
    void expiredDeliveriesGoInStepsAndEachIsReportedOnceToItsRequester() {
        // given 7 expired deliveries the reader never got, asked for by a requester, and 2 that live on
        stored(7, 1, "now() - interval '1 second'", "'" + app + "-requester'");
        stored(2, 1, "now() + interval '1 hour'", "NULL");
        sql("INSERT INTO routing.pending_delivery (identity_ref, message_ref) SELECT '" + reader + "', id"
            + " FROM routing.stored_delivery WHERE app = '" + app + "'");

        // when the sweep drops expired ones 3 at a time until a step finds fewer
        List<DeliveryStore.Expired> reported = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        DeliveryStore.ExpiredStep step;
        do {
            step = store.dropExpired(3).await().atMost(WAIT);
            steps.add(step.dropped());
            step.expired().stream().filter(e -> e.ticket().requester().equals(app + "-requester")).forEach(reported::add);
        } while (step.dropped() == 3);

        // then each step dropped at most 3, each of the 7 was reported once with the identity that missed it
        assertThat(steps).allMatch(dropped -> dropped <= 3).hasSizeGreaterThanOrEqualTo(3);
        assertThat(reported).hasSize(7).allMatch(e -> e.identityRef().equals(reader));
        assertThat(reported).extracting(e -> e.ticket().messageId()).doesNotHaveDuplicates();
        assertThat(remaining()).isEqualTo(2);
    }

    @Test
    void receivedDeliveriesUpToTheBoundGoAndWhatIsStillOwedOrQos2Stays() {
        // given, in id order: 10 received, 2 the reader still owes, 2 received QoS 2 ones, then 3 received past the bound
        long first = stored(10, 1, "now() + interval '1 hour'", "NULL");
        long owed = stored(2, 1, "now() + interval '1 hour'", "NULL");
        sql("INSERT INTO routing.pending_delivery (identity_ref, message_ref) SELECT '" + reader + "', id"
            + " FROM routing.stored_delivery WHERE id >= " + owed);
        long upTo = stored(2, 2, "now() + interval '1 hour'", "NULL") + 1;
        stored(3, 1, "now() + interval '1 hour'", "NULL");

        // when received ones in (first - 1, upTo] are dropped 4 at a time, each step going on after the last one
        long after = first - 1;
        List<Integer> steps = new ArrayList<>();
        DeliveryStore.ReceivedStep step;
        do {
            step = store.dropReceived(after, upTo, 4).await().atMost(WAIT);
            steps.add(step.dropped());
            after = step.lastId();
        } while (step.dropped() == 4);

        // then the 10 went in three steps, and the owed, the QoS 2 and those past the bound stay
        assertThat(steps).containsExactly(4, 4, 2);
        assertThat(after).isEqualTo(first + 9);
        assertThat(remaining()).isEqualTo(2 + 2 + 3);
    }

    @Test
    void aSweepDropsTheExpiredAndKeepsWhatWasReceivedUnderAMinuteAgo() {
        // given expired deliveries, and received ones stored just now
        stored(3, 1, "now() - interval '1 second'", "NULL");
        stored(4, 1, "now() + interval '1 hour'", "NULL");

        // when the sweep runs (twice: the second goes on from the first)
        sweeper.sweep().await().atMost(WAIT);
        sweeper.sweep().await().atMost(WAIT);

        // then the expired are gone and the received stay for their minute (a record read again is recognised)
        assertThat(remaining()).isEqualTo(4);
    }

    /** Stores {@code count} deliveries of the app in one statement. @return the id of the first */
    private long stored(int count, int qos, String expiresAt, String requester) {
        return database.query("INSERT INTO routing.stored_delivery (app, message_id, qos, expires_at, api, event, args, requester,"
                + " once_scope) SELECT '" + app + "', 'm-' || gen_random_uuid(), " + qos + ", " + expiresAt + ", 'pubsub', 'message',"
                + " '[\"x\"]', " + requester + ", " + (qos == 2 ? "'scope'" : "NULL") + " FROM generate_series(1, " + count + ")"
                + " RETURNING id").execute()
            .map(rows -> {
                long min = Long.MAX_VALUE;
                for (Row row : rows) {
                    min = Math.min(min, row.getLong(0));
                }
                return min;
            }).await().atMost(WAIT);
    }

    private long remaining() {
        return database.query("SELECT count(*) FROM routing.stored_delivery WHERE app = '" + app + "'").execute()
            .map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
    }

    private void sql(String statements) {
        database.query(statements).execute().await().atMost(WAIT);
    }
}
