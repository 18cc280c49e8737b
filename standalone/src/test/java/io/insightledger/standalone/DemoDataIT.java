package io.insightledger.standalone;

import io.insightledger.demo.DemoDataGenerator;
import io.insightledger.demo.DemoPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo data generator drives the real command API: every request is accepted, and a second run adds nothing. */
class DemoDataIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    @Test
    void aDemoHistoryIsRecordedOnceAndProjected() {
        DemoPlan plan = DemoPlan.of(42, 0.2, Instant.parse("2026-11-01T00:00:00Z"));
        DemoDataGenerator generator = new DemoDataGenerator(running.system().commandUrl(), RunningSystem.TOKEN,
                4, null);

        DemoDataGenerator.Summary first = generator.run(plan);
        assertThat(first.failures()).as(first.failuresByStatus().toString()).isZero();
        assertThat(first.requests()).isEqualTo(plan.size());
        int hypotheses = plan.phases().get(1).chains().size();
        int pivots = (int) plan.phases().get(2).chains().stream().flatMap(List::stream)
                .filter(request -> request.path().endsWith("/pivot")).count();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                running.queries().get("/api/hypotheses").body().path("totalItems").asLong() == hypotheses + pivots);
        long meetings = plan.phases().get(0).chains().size();
        assertThat(running.queries().get("/api/meetings").body().path("totalItems").asLong()).isEqualTo(meetings);

        long stored = running.storedEvents("demo16-h0");
        DemoDataGenerator.Summary second = generator.run(plan);
        assertThat(second.failures()).as(second.failuresByStatus().toString()).isZero();
        assertThat(running.storedEvents("demo16-h0")).isEqualTo(stored).isPositive();
    }
}
