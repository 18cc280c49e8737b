package io.insightledger.query.system;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ProjectionHealthTest {

    private static final Instant OLDEST = Instant.parse("2026-12-01T08:00:00Z");

    private final ProjectionAdmin admin = mock(ProjectionAdmin.class);
    private final ProjectionHealth health = new ProjectionHealth(admin, mock(DeadLetterQueue.class),
            new SimpleMeterRegistry());

    @Test
    void upWhileEveryProjectionRunsWithoutDeadLetters() {
        when(admin.statuses()).thenReturn(List.of(status("hypotheses", ProjectionAdmin.State.RUNNING, 0, null),
                status("meetings", ProjectionAdmin.State.REBUILDING, 0, null)));
        Health answer = health.health();
        assertThat(answer.getStatus()).isEqualTo(Status.UP);
        assertThat(answer.getDetails()).doesNotContainKey("deadLetters");
    }

    /** One poison event does not take the read side out: it degrades, with how many wait and since when. */
    @Test
    void degradedWhileEventsWaitInADeadLetterQueue() {
        when(admin.statuses()).thenReturn(List.of(status("hypotheses", ProjectionAdmin.State.RUNNING, 0, null),
                status("meetings", ProjectionAdmin.State.RUNNING, 2, OLDEST)));
        Health answer = health.health();
        assertThat(answer.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(answer.getDetails()).containsEntry("deadLetters", 2L).containsEntry("oldestDeadLetter", OLDEST);
    }

    @Test
    void downWhileAProcessorIsInErrorOrStoppedWhateverElse() {
        when(admin.statuses()).thenReturn(List.of(status("hypotheses", ProjectionAdmin.State.ERROR, 0, null),
                status("meetings", ProjectionAdmin.State.RUNNING, 2, OLDEST)));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        when(admin.statuses()).thenReturn(List.of(status("hypotheses", ProjectionAdmin.State.STOPPED, 0, null)));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }

    private static ProjectionAdmin.Status status(String name, ProjectionAdmin.State state, long deadLetters,
                                                 Instant oldest) {
        return new ProjectionAdmin.Status(name, state, 10, 10, 0, 10, 0.0, null, null, deadLetters, oldest,
                state == ProjectionAdmin.State.ERROR ? "connection refused" : null);
    }
}
