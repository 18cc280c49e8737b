package io.insightledger.command.reconciliation;

import io.insightledger.command.reconciliation.ReconciliationStatus.State;
import io.insightledger.command.reconciliation.ReconciliationStatus.Trigger;
import io.insightledger.command.system.RuleViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

/** One reconciliation at a time; the last one stays to be looked at. */
class ReconciliationsTest {

    private final Reconciler reconciler = mock(Reconciler.class);
    private final Reconciliations reconciliations = new Reconciliations(reconciler);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        reconciliations.destroy();
    }

    @Test
    void aSecondReconciliationIsRefusedWhileOneRuns() throws Exception {
        doAnswer(invocation -> release.await(10, TimeUnit.SECONDS)).when(reconciler).reconcile(any());
        Reconciliation first = reconciliations.start(Trigger.REQUESTED, "pat");

        assertThatThrownBy(() -> reconciliations.start(Trigger.REQUESTED, "kim"))
                .isInstanceOfSatisfying(RuleViolationException.class, refused -> {
                    assertThat(refused.status().value()).isEqualTo(409);
                    assertThat(refused.rule()).isEqualTo("ReconciliationRunning");
                });
        assertThat(reconciliations.last()).containsSame(first);
        assertThat(first.status().state()).isEqualTo(State.RUNNING);

        release.countDown();
        ReconciliationStatus done = first.finished().get(10, TimeUnit.SECONDS);
        assertThat(done.state()).isEqualTo(State.DONE);
        assertThat(done.requestedBy()).isEqualTo("pat");
        Reconciliation second = reconciliations.start(Trigger.REQUESTED, "kim");
        assertThat(second.finished().get(10, TimeUnit.SECONDS).state()).isEqualTo(State.DONE);
        assertThat(reconciliations.last()).containsSame(second);
    }

    @Test
    void aFailedReconciliationSaysWhyAndDoesNotBlockTheNext() throws Exception {
        doThrow(new IllegalStateException("Kafka does not answer")).when(reconciler).reconcile(any());

        ReconciliationStatus failed = reconciliations.start(Trigger.UNCLEAN_STOP, null).finished()
                .get(10, TimeUnit.SECONDS);

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.error()).isEqualTo("Kafka does not answer");
        assertThat(failed.finishedAt()).isAfterOrEqualTo(failed.startedAt());
        assertThat(reconciliations.start(Trigger.REQUESTED, "pat").finished().get(10, TimeUnit.SECONDS).state())
                .isEqualTo(State.FAILED);
    }
}
