package io.insightledger.command.identity;

import io.insightledger.command.system.RuleViolationException;
import io.insightledger.platform.identity.ApiTokens;
import io.insightledger.platform.identity.IdentityProperties;
import io.insightledger.platform.identity.UserAccount;
import io.insightledger.platform.identity.UserAccounts;
import io.insightledger.platform.identity.Workspaces;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.SignInThrottle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Which workspaces a new user joins. */
class UserAdministrationTest {

    private static final String PASSWORD = "a long passphrase";

    private final UserAccounts users = mock(UserAccounts.class);
    private final Workspaces workspaces = mock(Workspaces.class);
    private final UserAdministration administration = new UserAdministration(users, workspaces,
            mock(ApiTokens.class), mock(PasswordEncoder.class), mock(SignInThrottle.class),
            mock(IdentityProperties.class), new SimpleMeterRegistry());

    @BeforeEach
    void kimCanBeCreated() {
        when(users.create(eq("kim"), any(), any(), any(), any(), anyMap())).thenReturn(UserAccounts.Creation.CREATED);
        when(users.find("kim")).thenReturn(Optional.of(new UserAccount("kim", Role.DECIDER, true, null, null,
                Instant.EPOCH)));
        when(workspaces.exists("growth")).thenReturn(true);
    }

    @Test
    void withoutWorkspacesANewUserJoinsDefaultWithTheirRoleAsBeforeWorkspaces() {
        administration.create(new IdentityRequests.CreateUserRequest("kim", Role.DECIDER, PASSWORD, null, null));

        verify(users).create(eq("kim"), eq(Role.DECIDER), any(), any(), any(), eq(Map.of("default", Role.DECIDER)));
    }

    @Test
    void withWorkspacesANewUserJoinsExactlyThoseEvenNone() {
        administration.create(new IdentityRequests.CreateUserRequest("kim", Role.DECIDER, PASSWORD, null,
                Map.of("growth", Role.VIEWER)));
        administration.create(new IdentityRequests.CreateUserRequest("kim", Role.DECIDER, PASSWORD, null, Map.of()));

        verify(users).create(eq("kim"), eq(Role.DECIDER), any(), any(), any(), eq(Map.of("growth", Role.VIEWER)));
        verify(users).create(eq("kim"), eq(Role.DECIDER), any(), any(), any(), eq(Map.of()));
    }

    @Test
    void WorkspaceMustExist_namesTheFieldAndCreatesNobody() {
        assertThatThrownBy(() -> administration.create(new IdentityRequests.CreateUserRequest("kim", Role.VIEWER,
                PASSWORD, null, Map.of("growth", Role.VIEWER, "nowhere", Role.VIEWER))))
                .isInstanceOfSatisfying(RuleViolationException.class, violation -> {
                    assertThat(violation.rule()).isEqualTo("WorkspaceMustExist");
                    assertThat(violation.status().value()).isEqualTo(422);
                    assertThat(violation.field()).isEqualTo("workspaces");
                    assertThat(violation.getMessage()).contains("nowhere");
                });
        verify(users, never()).create(any(), any(), any(), any(), any(), anyMap());
    }
}
