package io.insightledger.query.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The projections in {@code /actuator/health} (details for signed-in users): DOWN while a processor is in error or
 * stopped, DEGRADED while events wait in a dead-letter queue (the rest still flows, so the service stays ready and
 * answers 200), UP otherwise. Gauges {@code insight.projection.lag} (events on the topic not handled yet) and
 * {@code insight.projection.dead.letters}.
 */
@Component("projections")
class ProjectionHealth implements HealthIndicator {

    /** Some events could not be applied; everything else is. Ordered between DOWN and UP (query-side.yml). */
    static final Status DEGRADED = new Status("DEGRADED", "Events wait in a dead-letter queue");

    private final ProjectionAdmin admin;
    private final DeadLetterQueue deadLetters;
    private final MeterRegistry registry;

    ProjectionHealth(ProjectionAdmin admin, DeadLetterQueue deadLetters, MeterRegistry registry) {
        this.admin = admin;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        admin.names().forEach(name -> {
            Gauge.builder("insight.projection.lag", admin, a -> a.status(name).lag())
                    .tag("projection", name)
                    .description("Events on the topic the projection has not handled yet")
                    .register(registry);
            Gauge.builder("insight.projection.dead.letters", deadLetters, queue -> queue.summary()
                            .getOrDefault(name, new DeadLetterQueue.Summary(0, null)).count())
                    .tag("projection", name)
                    .description("Events the projection parked in its dead-letter queue")
                    .register(registry);
        });
    }

    @Override
    public Health health() {
        List<ProjectionAdmin.Status> statuses = admin.statuses();
        long deadLetters = statuses.stream().mapToLong(ProjectionAdmin.Status::deadLetters).sum();
        boolean down = statuses.stream().anyMatch(status -> status.state() == ProjectionAdmin.State.ERROR
                || status.state() == ProjectionAdmin.State.STOPPED);
        Health.Builder health = Health.status(down ? Status.DOWN : deadLetters > 0 ? DEGRADED : Status.UP);
        statuses.forEach(status -> health.withDetail(status.name(), status));
        if (deadLetters > 0) {
            health.withDetail("deadLetters", deadLetters);
            statuses.stream().map(ProjectionAdmin.Status::oldestDeadLetter).filter(Objects::nonNull)
                    .min(Comparator.<Instant>naturalOrder())
                    .ifPresent(oldest -> health.withDetail("oldestDeadLetter", oldest));
        }
        return health.build();
    }
}
