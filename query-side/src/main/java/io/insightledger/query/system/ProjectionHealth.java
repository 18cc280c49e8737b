package io.insightledger.query.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Projection lag in {@code /actuator/health} (details for signed-in users) and as the gauge
 * {@code insight.projection.lag}: how many events on the topic each projection has not handled yet.
 */
@Component("projections")
class ProjectionHealth implements HealthIndicator {

    private final ProjectionAdmin admin;
    private final MeterRegistry registry;

    ProjectionHealth(ProjectionAdmin admin, MeterRegistry registry) {
        this.admin = admin;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        admin.names().forEach(name -> Gauge.builder("insight.projection.lag", admin, a -> a.status(name).lag())
                .tag("projection", name)
                .description("Events on the topic the projection has not handled yet")
                .register(registry));
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        admin.statuses().forEach(status -> health.withDetail(status.name(), status));
        return health.build();
    }
}
