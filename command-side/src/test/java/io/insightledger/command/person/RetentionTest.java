package io.insightledger.command.person;

import io.insightledger.platform.identity.Workspaces;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class RetentionTest {

    private static final String KIM = "0b1e4f7a-3c2d-4e5f-8a9b-0c1d2e3f4a5b";

    private final Workspaces workspaces = mock(Workspaces.class);
    private final PersonLookup people = mock(PersonLookup.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** A workspace's own period wins; one without uses the installation's default, and 0 keeps everyone. */
    @Test
    void erasesWhoeverIsPastTheirWorkspacesPeriodAndCountsIt() {
        when(people.workspacesWithPeople()).thenReturn(List.of("payments", "platform", "default"));
        when(workspaces.find("payments")).thenReturn(Optional.of(
                new Workspaces.Workspace("payments", "Payments", "", Instant.EPOCH, 24)));
        when(workspaces.find("platform")).thenReturn(Optional.of(
                new Workspaces.Workspace("platform", "Platform", "", Instant.EPOCH, null)));
        when(workspaces.find("default")).thenReturn(Optional.of(
                new Workspaces.Workspace("default", "Default", "", Instant.EPOCH, null)));
        when(people.notSeenSince(eq("payments"), any())).thenReturn(List.of(KIM));

        List<Retention.Erased> erased = new Retention(new Retention.Settings(0, Duration.ofHours(1)), workspaces,
                people, commands, meters).apply();

        assertThat(erased).containsExactly(new Retention.Erased(KIM, "payments", 24));
        ArgumentCaptor<Instant> cutoff = ArgumentCaptor.forClass(Instant.class);
        verify(people).notSeenSince(eq("payments"), cutoff.capture());
        assertThat(cutoff.getValue().toEpochMilli()).isCloseTo(
                Instant.now().atOffset(ZoneOffset.UTC).minusMonths(24).toInstant().toEpochMilli(), within(5_000L));
        verify(people, never()).notSeenSince(eq("platform"), any());
        verify(people, never()).notSeenSince(eq("default"), any());
        ArgumentCaptor<ErasePersonCommand> command = ArgumentCaptor.forClass(ErasePersonCommand.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().personId()).isEqualTo(KIM);
        assertThat(command.getValue().reason()).contains("24 months").doesNotContain(KIM);
        assertThat(meters.counter("insight.privacy.retention.erased", "workspace", "payments").count()).isEqualTo(1);
    }

    @Test
    void theInstallationsDefaultAppliesWhereAWorkspaceSetsNone() {
        when(people.workspacesWithPeople()).thenReturn(List.of("platform"));
        when(workspaces.find("platform")).thenReturn(Optional.of(
                new Workspaces.Workspace("platform", "Platform", "", Instant.EPOCH, null)));

        new Retention(new Retention.Settings(6, Duration.ofHours(1)), workspaces, people, commands, meters).apply();

        verify(people).notSeenSince(eq("platform"), any());
    }
}
