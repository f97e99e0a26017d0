package org.pushplatform.routing.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/**
 * The usage count, run every few seconds on every routing instance, reads what is kept for receivers (pending rows)
 * and QoS 2 messages, not every delivery received in the last minutes: at thousands of messages a second those are
 * hundreds of thousands of rows waiting for the sweep.
 */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class UsageCountPlanTest {

    private static final int RECEIVED = 5000;
    private static final int PENDING = 20;
    private static final int QOS2 = 5;

    @Inject
    Pool database;

    @Test
    void theCountReadsThePendingAndQos2RowsOnlyAndCountsJustThem() {
        String app = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        String identity = app + "-reader";
        // received QoS 1 deliveries waiting for the sweep, some still pending for one reader, a few QoS 2 ones
        String setup = "INSERT INTO routing.app (appkey, secret, name) VALUES ('" + app + "', 's', '" + app + "');"
            + " INSERT INTO routing.identity (ref, app, kind, id, created_at, last_seen_at)"
            + " VALUES ('" + identity + "', '" + app + "', 'session', 'reader', now(), now());"
            + " INSERT INTO routing.stored_delivery (app, message_id, qos, expires_at, api, event, args)"
            + " SELECT '" + app + "', 'm' || i, CASE WHEN i <= " + QOS2 + " THEN 2 ELSE 1 END, now() + interval '1 day',"
            + " 'pubsub', 'message', '[\"abc\"]' FROM generate_series(1, " + (RECEIVED + PENDING + QOS2) + ") i;"
            + " INSERT INTO routing.pending_delivery (identity_ref, message_ref) SELECT '" + identity + "', id"
            + " FROM routing.stored_delivery WHERE app = '" + app + "' AND qos = 1 ORDER BY id DESC LIMIT " + PENDING + ";"
            + " ANALYZE routing.stored_delivery; ANALYZE routing.pending_delivery";

        String counted = run(setup, AppUsage.COUNT, app);
        String plan = run(setup, "EXPLAIN (ANALYZE, COSTS OFF) " + AppUsage.COUNT, null);

        assertThat(counted).isEqualTo((PENDING + QOS2) + " messages, " + 7 * (PENDING + QOS2) + " bytes");
        assertThat(plan).doesNotContain("Seq Scan on stored_delivery");
        // the pending and QoS 2 rows of every app (other tests leave a few), not the received ones: the old count read all
        assertThat(rowsReadFrom(plan, "stored_delivery")).as(plan).isBetween(PENDING + QOS2, RECEIVED / 10);
    }

    /** Runs {@code sql} after {@code setup} in a transaction rolled back after it: the plan's lines, or what it counted for {@code app}. */
    private String run(String setup, String sql, String app) {
        return database.withConnection(connection -> connection.query("BEGIN").execute()
                .call(() -> connection.query(setup).execute())
                .flatMap(done -> connection.query(sql).execute())
                .map(rows -> {
                    StringBuilder plan = new StringBuilder();
                    long messages = 0;
                    long bytes = 0;
                    for (Row row : rows) {
                        if (app == null) {
                            plan.append(row.getString(0)).append('\n');
                        } else if ("stored".equals(row.getString(0)) && app.equals(row.getString(1))) {
                            messages += row.getLong(2);
                            bytes += row.getLong(3);
                        }
                    }
                    return app == null ? plan.toString() : messages + " messages, " + bytes + " bytes";
                })
                .call(() -> connection.query("ROLLBACK").execute()))
            .await().atMost(Duration.ofSeconds(20));
    }

    /** The rows every scan of {@code table} in the plan returned, summed over its loops. */
    private static int rowsReadFrom(String plan, String table) {
        Pattern scan = Pattern.compile(" on " + table + " .*actual time=\\S+ rows=(\\d+) loops=(\\d+)");
        int rows = 0;
        for (String line : plan.split("\n")) {
            Matcher found = scan.matcher(line);
            if (found.find()) {
                rows += Integer.parseInt(found.group(1)) * Integer.parseInt(found.group(2));
            }
        }
        return rows;
    }
}
