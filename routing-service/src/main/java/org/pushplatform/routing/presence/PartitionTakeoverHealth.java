package org.pushplatform.routing.presence;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while partitions just gained wait for PostgreSQL to hand over their live connections. */
@Readiness
@ApplicationScoped
public class PartitionTakeoverHealth implements HealthCheck {

    private final PartitionOwnership ownership;

    public PartitionTakeoverHealth(@Identifier("routing-ownership") PartitionOwnership ownership) {
        this.ownership = ownership;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("partition-takeover").status(!ownership.takingOver()).build();
    }
}
