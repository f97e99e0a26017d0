package org.pushplatform.chat.metrics;

import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** How long each step of handling a poll takes ({@code push_chat_step_seconds{step}}): where a slow poll spends its time. */
@ApplicationScoped
public class StepTimers {

    private final MeterRegistry metrics;

    public StepTimers(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public <T> Uni<T> timed(String step, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(metrics);
            return work.get().onTermination().invoke(() -> sample.stop(metrics.timer("push_chat_step_seconds", "step", step)));
        });
    }
}
