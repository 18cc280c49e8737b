package io.insightledger.command.workspace;

import io.insightledger.command.system.RuleViolationException;
import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.identity.IdentityHistory;
import io.insightledger.platform.identity.TokenScope;
import io.insightledger.platform.identity.UserAccount;
import io.insightledger.platform.identity.UserAccounts;
import io.insightledger.platform.identity.Workspaces;
import io.insightledger.platform.identity.Workspaces.Member;
import io.insightledger.platform.identity.Workspaces.Workspace;
import io.insightledger.platform.security.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class WorkspaceAdministrationTest {

    private static final Workspace GROWTH = new Workspace("growth", "Growth", "", Instant.EPOCH, null);

    private final Workspaces workspaces = mock(Workspaces.class);
    private final UserAccounts users = mock(UserAccounts.class);
    private final WorkspaceAdministration administration = new WorkspaceAdministration(workspaces, users,
            mock(IdentityHistory.class));

    @Test
    void theDirectoryListsTheCallersWorkspacesOnly_everyOneForAnAdministrator() {
        when(workspaces.all()).thenReturn(List.of(new Workspace("default", "Default", "", Instant.EPOCH, null), GROWTH));
        Caller kim = new Caller("kim", Optional.of(Role.VIEWER), TokenScope.SESSION, Optional.empty(),
                Map.of("growth", Role.DECIDER));
        Caller ada = new Caller("ada", Optional.of(Role.ADMIN), TokenScope.SESSION, Optional.empty(),
                Map.of("growth", Role.VIEWER));

        assertThat(administration.directory(kim)).containsExactly(
                new WorkspaceAdministration.Listed("growth", "Growth", "", Role.DECIDER));
        assertThat(administration.directory(ada)).containsExactly(
                new WorkspaceAdministration.Listed("default", "Default", "", null),
                new WorkspaceAdministration.Listed("growth", "Growth", "", Role.VIEWER));
    }

    @Test
    void WorkspaceIdTaken_whenTheIdIsTaken() {
        when(workspaces.create("growth", "Growth", "")).thenReturn(Workspaces.Creation.ID_TAKEN);

        assertThatThrownBy(() -> administration.create(new WorkspaceRequests.CreateWorkspaceRequest("growth",
                " Growth ", null)))
                .isInstanceOfSatisfying(RuleViolationException.class, violation -> {
                    assertThat(violation.rule()).isEqualTo("WorkspaceIdTaken");
                    assertThat(violation.status().value()).isEqualTo(409);
                    assertThat(violation.field()).isEqualTo("id");
                });
    }

    @Test
    void WorkspaceMustExist_forEveryOperationOnAWorkspace() {
        when(workspaces.find("nowhere")).thenReturn(Optional.empty());
        when(users.find("kim")).thenReturn(Optional.of(kim()));

        List<Runnable> operations = List.of(
                () -> administration.members("nowhere"),
                () -> administration.putMember("nowhere", "kim", Role.VIEWER),
                () -> administration.removeMember("nowhere", "kim"),
                () -> administration.history("nowhere"),
                () -> administration.membersAt("nowhere", Instant.EPOCH),
                () -> administration.revise("nowhere", new WorkspaceRequests.ReviseWorkspaceRequest("A", "")));
        for (Runnable operation : operations) {
            assertThatThrownBy(operation::run).isInstanceOfSatisfying(RuleViolationException.class, violation -> {
                assertThat(violation.rule()).isEqualTo("WorkspaceMustExist");
                assertThat(violation.status().value()).isEqualTo(404);
            });
        }
        verify(workspaces, never()).addMember(any(), any(), any());
        verify(workspaces, never()).removeMember(any(), any());
    }

    @Test
    void UserNotFound_changesNoMembership() {
        when(workspaces.find("growth")).thenReturn(Optional.of(GROWTH));
        when(users.find("nobody")).thenReturn(Optional.empty());

        assertThatThrownBy(() -> administration.putMember("growth", "nobody", Role.VIEWER))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        violation -> assertThat(violation.rule()).isEqualTo("UserNotFound"));
        assertThatThrownBy(() -> administration.removeMember("growth", "nobody"))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        violation -> assertThat(violation.status().value()).isEqualTo(404));
        verify(workspaces, never()).addMember(any(), any(), any());
        verify(workspaces, never()).removeMember(any(), any());
    }

    @Test
    void aMemberIsAddedOrGivenTheRoleAndAnswersAsTheyAreNow() {
        Member now = new Member("kim", Role.DECIDER, Instant.EPOCH);
        when(workspaces.find("growth")).thenReturn(Optional.of(GROWTH));
        when(users.find("kim")).thenReturn(Optional.of(kim()));
        when(workspaces.member("growth", "kim")).thenReturn(Optional.of(now));

        assertThat(administration.putMember("growth", "kim", Role.DECIDER)).isEqualTo(now);
        verify(workspaces).addMember("kim", "growth", Role.DECIDER);
    }

    private static UserAccount kim() {
        return new UserAccount("kim", Role.VIEWER, true, null, null, Instant.EPOCH);
    }
}
