package io.insightledger.platform.security;

import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.identity.TokenScope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.StopWatch;
import org.springframework.web.method.HandlerMethod;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleCheckTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RoleCheck check = new RoleCheck(meters);

    /** A controller of ours (its package starts with io.insightledger.). */
    static class Hypotheses {

        @RoleRequired(Role.DECIDER)
        void decide() {
        }

        @OpenToAnyone
        void signIn() {
        }

        void forgotten() {
        }

        @WorkspaceRoleRequired(Role.DECIDER)
        void decideInItsWorkspace() {
        }
    }

    @RoleRequired(Role.ADMIN)
    static class Administration {

        void rebuild() {
        }

        @RoleRequired(Role.VIEWER)
        void status() {
        }
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRoleAtOrAboveTheRequiredOnePasses() throws Exception {
        for (Role role : new Role[]{Role.DECIDER, Role.ADMIN}) {
            signIn(role, TokenScope.READ_WRITE);
            assertThat(check.preHandle(request(), new MockHttpServletResponse(), handler(new Hypotheses(), "decide")))
                    .as(role.name()).isTrue();
        }
    }

    @Test
    void aRoleBelowIsRefusedNamingTheRequiredOneAndCounted() {
        signIn(Role.CONTRIBUTOR, TokenScope.READ_WRITE);
        assertThatThrownBy(() -> check.preHandle(request(), new MockHttpServletResponse(),
                handler(new Hypotheses(), "decide")))
                .isInstanceOfSatisfying(RoleMissing.class, e -> assertThat(e.required()).isEqualTo(Role.DECIDER))
                .hasMessageContaining("DECIDER").hasMessageContaining("you act as CONTRIBUTOR");
        assertThat(meters.counter("insight.security.forbidden", "required", "DECIDER").count()).isEqualTo(1);
    }

    @Test
    void aTokensScopeCapsItsOwnersRole() {
        signIn(Role.ADMIN, TokenScope.READ);
        assertThatThrownBy(() -> check.preHandle(request(), new MockHttpServletResponse(),
                handler(new Hypotheses(), "decide"))).isInstanceOf(RoleMissing.class);
        signIn(Role.ADMIN, TokenScope.METRICS);
        assertThatThrownBy(() -> check.preHandle(request(), new MockHttpServletResponse(),
                handler(new Hypotheses(), "decide"))).hasMessageContaining("this credential has no role");
    }

    @Test
    void nobodySignedInIsRefused() {
        assertThatThrownBy(() -> check.preHandle(request(), new MockHttpServletResponse(),
                handler(new Hypotheses(), "decide"))).isInstanceOf(RoleMissing.class);
    }

    @Test
    void anOperationOpenToAnyoneNeedsNoRole() throws Exception {
        assertThat(check.preHandle(request(), new MockHttpServletResponse(), handler(new Hypotheses(), "signIn")))
                .isTrue();
    }

    @Test
    void anOperationThatDeclaresNoRoleIsOpenToNobody() {
        signIn(Role.ADMIN, TokenScope.READ_WRITE);
        assertThatThrownBy(() -> check.preHandle(request(), new MockHttpServletResponse(),
                handler(new Hypotheses(), "forgotten")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("declares no @RoleRequired");
    }

    @Test
    void theControllersRoleAppliesUnlessTheMethodDeclaresItsOwn() throws Exception {
        signIn(Role.VIEWER, TokenScope.READ_WRITE);
        assertThat(check.preHandle(request(), new MockHttpServletResponse(), handler(new Administration(), "status")))
                .isTrue();
        assertThatThrownBy(() -> check.preHandle(request(), new MockHttpServletResponse(),
                handler(new Administration(), "rebuild")))
                .isInstanceOfSatisfying(RoleMissing.class, e -> assertThat(e.required()).isEqualTo(Role.ADMIN));
    }

    @Test
    void aWorkspaceRoleIsNeededInSomeWorkspaceNotAsTheCallersOwnRole() throws Exception {
        signIn("kim", Role.VIEWER, TokenScope.READ_WRITE, Map.of("payments", Role.VIEWER, "identity", Role.DECIDER));
        assertThat(check.preHandle(request(), new MockHttpServletResponse(),
                handler(new Hypotheses(), "decideInItsWorkspace"))).isTrue();

        signIn("ada", Role.ADMIN, TokenScope.READ_WRITE, Map.of("payments", Role.CONTRIBUTOR));
        assertThatThrownBy(() -> check.preHandle(request(), new MockHttpServletResponse(),
                handler(new Hypotheses(), "decideInItsWorkspace")))
                .isInstanceOfSatisfying(RoleMissing.class, e -> assertThat(e.required()).isEqualTo(Role.DECIDER))
                .hasMessageContaining("in a workspace; you have it in none");
        assertThat(meters.counter("insight.security.forbidden", "required", "DECIDER").count()).isEqualTo(1);
    }

    @Test
    void handlersNotOursAreLeftToTheFilterChain() throws Exception {
        // the framework's own (errors, the API description): nobody is signed in, and they pass
        assertThat(check.preHandle(request(), new MockHttpServletResponse(), new Object())).isTrue();
        assertThat(check.preHandle(request(), new MockHttpServletResponse(),
                new HandlerMethod(new StopWatch(), StopWatch.class.getMethod("prettyPrint")))).isTrue();
    }

    private static void signIn(Role role, TokenScope scope) {
        signIn("kim", role, scope, Map.of());
    }

    private static void signIn(String name, Role role, TokenScope scope, Map<String, Role> workspaces) {
        SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(
                new Caller(name, scope.roleFor(role), scope, Optional.empty(), workspaces)));
    }

    private static MockHttpServletRequest request() {
        return new MockHttpServletRequest("POST", "/api/hypotheses/h1/decisions");
    }

    private static HandlerMethod handler(Object controller, String method) throws NoSuchMethodException {
        return new HandlerMethod(controller, controller.getClass().getDeclaredMethod(method));
    }
}
