package org.pushplatform.device.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/**
 * The plans PostgreSQL keeps for the ledger's prepared statements read one device's rows through an index of that
 * device: a command to one device reads neither every device of its app nor every command out on the platform.
 */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class CommandPlansTest {

    @Inject
    Pool database;

    /** Devices sn-0 to sn-49 of one app: sn-i in school i % 5 and class i % 10. */
    private static final int DEVICES = 50;

    private static final CommandLedger.Selection ALL = new CommandLedger.Selection(null, null, null);

    static List<CommandLedger.Selection> selections() {
        return List.of(CommandLedger.Selection.of("sn-1"), new CommandLedger.Selection(null, 3L, null),
            new CommandLedger.Selection(null, null, 3L), new CommandLedger.Selection(List.of("sn-3", "sn-13"), 3L, 3L),
            ALL);
    }

    @ParameterizedTest
    @MethodSource("selections")
    void theGenericPlanOfEverySelectionReadsOnlyTheDevicesItNames(CommandLedger.Selection selection) {
        String app = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        String plan = planOf(devices(app) + ";" + ANALYZE, CommandLedger.targetsOf(selection), "(varchar, varchar[], bigint, bigint)",
            "'" + app + "', " + argumentsOf(selection));

        assertThat(plan).contains("rows=" + expected(selection)).contains("Index").doesNotContain("Seq Scan");
        // read through an index of what it names: at most a school's devices, where the old text read the app's 50
        int read = expected(selection) + removedByFilter(plan);
        assertThat(read).as(plan).isLessThanOrEqualTo(selection.equals(ALL) ? DEVICES : DEVICES / 5);
    }

    @Test
    void theGenericPlanOfSendingCountsOnlyTheDevicesOwnCommandsOut() {
        String app = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        // statistics taken while nothing is out, then 4 commands out to each other device and 3 queued for sn-0
        String setup = devices(app) + "; UPDATE device.device SET connection_id = 'c-0' WHERE app = '" + app + "' AND serial = 'sn-0'; "
            + ANALYZE + "; " + commands(app, "SENT", "serial <> 'sn-0'", 4) + "; " + commands(app, "QUEUED", "serial = 'sn-0'", 3);

        String plan = planOf(setup, CommandLedger.SEND_NEXT, "(varchar[], varchar[], int)", "ARRAY['" + app + "'], ARRAY['sn-0'], 8");

        assertThat(plan).contains("rows=3");
        // the old plan read the 196 commands out to the other devices through the sweep's index
        assertThat(removedByFilter(plan, "s")).as(plan).isZero();
    }

    private static final String ANALYZE = "ANALYZE device.device; ANALYZE device.command";

    private static String devices(String app) {
        return "INSERT INTO device.device (app, serial, device_key, school_id, class_id) SELECT '" + app + "', 'sn-' || i, 'key',"
            + " i % 5, i % 10 FROM generate_series(0, " + (DEVICES - 1) + ") i";
    }

    private static String commands(String app, String state, String devices, int each) {
        return "INSERT INTO device.command (app, serial, event, state, attempts, max_attempts, ack_timeout_ms, expires_at, sent_at)"
            + " SELECT app, serial, 'device_status', '" + state + "', 1, 3, 10000, now() + interval '1 day',"
            + (state.equals("SENT") ? " now()" : " NULL") + " FROM device.device, generate_series(1, " + each + ")"
            + " WHERE app = '" + app + "' AND " + devices;
    }

    /**
     * The generic plan of a statement, as run after {@code setup}: the plan PostgreSQL keeps for a prepared statement
     * after its first executions. Sequential scans are off, so that a small table is read as a large one would be.
     */
    private String planOf(String setup, String sql, String types, String arguments) {
        String statement = "plan_" + UUID.randomUUID().toString().replace("-", "");
        return database.withTransaction(connection -> connection.query(setup).execute()
                .call(() -> connection.query("SET LOCAL enable_seqscan = off").execute())
                .call(() -> connection.query("SET LOCAL plan_cache_mode = force_generic_plan").execute())
                .call(() -> connection.query("PREPARE " + statement + " " + types + " AS " + sql).execute())
                .flatMap(prepared -> connection.query("EXPLAIN (ANALYZE, COSTS OFF) EXECUTE " + statement + " (" + arguments + ")").execute())
                .map(rows -> {
                    StringBuilder lines = new StringBuilder();
                    for (Row row : rows) {
                        lines.append(row.getString(0)).append('\n');
                    }
                    return lines.toString();
                })
                .call(() -> connection.query("DEALLOCATE " + statement).execute()))
            .await().atMost(Duration.ofSeconds(10));
    }

    private static int removedByFilter(String plan) {
        return removedByFilter(plan, null);
    }

    /** Rows a plan read and filtered out, of one relation (its table or its alias in the plan) or, with null, of all. */
    private static int removedByFilter(String plan, String relation) {
        Pattern node = Pattern.compile(" on (\\S+) (\\w+) \\(");
        Pattern removed = Pattern.compile("Rows Removed by Filter: (\\d+)");
        String table = null;
        String current = null;
        int count = 0;
        for (String line : plan.split("\n")) {
            Matcher scan = node.matcher(line);
            if (scan.find()) {
                table = scan.group(1);
                current = scan.group(2);
            }
            Matcher filtered = removed.matcher(line);
            if (filtered.find() && (relation == null || relation.equals(table) || relation.equals(current))) {
                count += Integer.parseInt(filtered.group(1));
            }
        }
        return count;
    }

    private static String argumentsOf(CommandLedger.Selection selection) {
        return (selection.serials() == null ? "NULL" : "ARRAY['" + String.join("', '", selection.serials()) + "']")
            + ", " + selection.schoolId() + ", " + selection.classId();
    }

    private static int expected(CommandLedger.Selection selection) {
        int count = 0;
        for (int i = 0; i < DEVICES; i++) {
            if ((selection.serials() == null || selection.serials().contains("sn-" + i))
                && (selection.schoolId() == null || selection.schoolId() == i % 5)
                && (selection.classId() == null || selection.classId() == i % 10)) {
                count++;
            }
        }
        return count;
    }
}
