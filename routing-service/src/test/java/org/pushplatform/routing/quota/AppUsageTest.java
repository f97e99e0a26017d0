package org.pushplatform.routing.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.LiveConnectionStore;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** What an app uses, counted in PostgreSQL and added to here: each write counted once, whenever the count runs. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class AppUsageTest {

    @Inject
    AppUsage usage;

    @Inject
    LiveConnectionStore liveConnections;

    private final String app = "usage-" + UUID.randomUUID();

    private long writeAConnection() {
        var connection = new ClientConnection(UUID.randomUUID().toString(), "gw-usage", app, "ref-" + UUID.randomUUID(), 0, "pubsub");
        return liveConnections.save(connection, null).await().indefinitely();
    }

    @Test
    void aWriteThatACountSawBeforeItSettledIsCountedOnce() {
        // given a connection admitted and written, and a count that runs before the write is settled here
        usage.connectionAdmitted(app);
        long xid = writeAConnection();
        usage.refresh().await().indefinitely();

        // when it settles
        usage.connectionSettled(app, xid);

        // then it is one connection, not two (one counted, one added)
        assertThat(usage.of(app).connections()).isEqualTo(1);
    }

    @Test
    void aWriteAfterTheLastCountIsAddedUntilTheNextCountHasIt() {
        usage.refresh().await().indefinitely();
        usage.connectionAdmitted(app);
        usage.connectionSettled(app, writeAConnection());
        assertThat(usage.of(app).connections()).isEqualTo(1);

        usage.refresh().await().indefinitely();
        assertThat(usage.of(app).connections()).isEqualTo(1);
    }

    @Test
    void aWriteThatFailedAddsNothing() {
        usage.connectionAdmitted(app);
        assertThat(usage.of(app).connections()).isEqualTo(1);
        usage.connectionSettled(app, null);
        assertThat(usage.of(app).connections()).isZero();
    }
}
