package org.pushplatform.routing.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while records wait for PostgreSQL to come back: they are being tried again, not lost. */
@Readiness
@ApplicationScoped
public class RecordHandlingHealth implements HealthCheck {

    private final OwnContext units;

    public RecordHandlingHealth(OwnContext units) {
        this.units = units;
    }

    @Override
    public HealthCheckResponse call() {
        int waiting = units.waitingForDatabase();
        var response = HealthCheckResponse.named("routing-records").status(waiting == 0).withData("waitingForDatabase", waiting);
        String last = units.lastTransientFailure();
        return (waiting > 0 && last != null ? response.withData("lastFailure", last) : response).build();
    }
}
