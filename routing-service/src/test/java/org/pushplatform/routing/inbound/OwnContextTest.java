package org.pushplatform.routing.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class OwnContextTest {

    private final OwnContext work = new OwnContext(() -> Uni.createFrom().item(true), Duration.ofMillis(10));
    private final RecordHandlingHealth health = new RecordHandlingHealth(work);

    @Test
    void aUnitPostgresqlCannotTakeNowIsTriedAgainUntilItSucceedsAndReadinessSaysSoMeanwhile() {
        // given a unit that meets PostgreSQL starting up three times
        AtomicInteger attempts = new AtomicInteger();
        List<HealthCheckResponse.Status> readiness = new CopyOnWriteArrayList<>();
        Uni<Void> unit = work.run("[test] unit", () -> Uni.createFrom().deferred(() -> {
            readiness.add(health.call().getStatus());
            return attempts.incrementAndGet() <= 3
                ? Uni.createFrom().failure(new PgException("the database system is starting up", "FATAL", "57P03", null))
                : Uni.createFrom().voidItem();
        }), failure -> fail("given up: " + failure));

        // when
        unit.await().atMost(Duration.ofSeconds(30));

        // then it was tried until it succeeded, readiness was down while it waited, and is up again
        assertThat(attempts).hasValue(4);
        assertThat(readiness).containsExactly(HealthCheckResponse.Status.UP, HealthCheckResponse.Status.DOWN,
            HealthCheckResponse.Status.DOWN, HealthCheckResponse.Status.DOWN);
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aUnitThatCannotSucceedIsGivenUpAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        List<Throwable> givenUp = new CopyOnWriteArrayList<>();

        work.run("[test] unit", () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new PgException("duplicate key", "ERROR", "23505", null));
        }, givenUp::add).await().atMost(Duration.ofSeconds(5));

        assertThat(attempts).hasValue(1);
        assertThat(givenUp).hasSize(1);
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aUnitPostgresqlKeepsRefusingWhileItAnswersIsGivenUpInsteadOfStallingEveryPartition() {
        // given a unit that deadlocks every time, while PostgreSQL answers other queries
        AtomicInteger attempts = new AtomicInteger();
        List<Throwable> givenUp = new CopyOnWriteArrayList<>();

        // when
        work.run("[test] unit", () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new PgException("deadlock detected", "ERROR", "40P01", null));
        }, givenUp::add).await().atMost(Duration.ofSeconds(30));

        // then it is tried a few times, then given up, and readiness is up again
        assertThat(attempts).hasValue(OwnContext.TRIES_WHILE_DATABASE_ANSWERS);
        assertThat(givenUp).hasSize(1);
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aUnitIsTriedAgainForAsLongAsPostgresqlDoesNotAnswer() {
        // given PostgreSQL that does not answer, and a unit that meets it starting up twelve times
        OwnContext whileDown = new OwnContext(() -> Uni.createFrom().item(false), Duration.ofMillis(1));
        AtomicInteger attempts = new AtomicInteger();

        // when
        whileDown.run("[test] unit", () -> attempts.incrementAndGet() <= 12
            ? Uni.createFrom().failure(new PgException("deadlock detected", "ERROR", "40P01", null))
            : Uni.createFrom().voidItem(), failure -> fail("given up: " + failure)).await().atMost(Duration.ofSeconds(60));

        // then it was never given up
        assertThat(attempts).hasValue(13);
    }

    @Test
    void aBatchThatFailsIsTriedRecordByRecordSoThatOneBadRecordFailsAlone() {
        // given three records handled together, the second of which can never be handled
        List<String> handled = new CopyOnWriteArrayList<>();
        List<String> givenUp = new CopyOnWriteArrayList<>();

        // when
        work.runTogether("[test] batch", List.of("a", "bad", "c"), records -> records.contains("bad")
                ? Uni.createFrom().failure(new PgException("value too long", "ERROR", "22001", null))
                : Uni.createFrom().voidItem().invoke(() -> handled.addAll(records)),
            (record, failure) -> givenUp.add(record)).await().atMost(Duration.ofSeconds(5));

        // then the others went through, in order, and only the bad one was given up
        assertThat(handled).containsExactly("a", "c");
        assertThat(givenUp).containsExactly("bad");
    }
}
