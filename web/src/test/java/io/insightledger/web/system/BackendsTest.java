package io.insightledger.web.system;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackendsTest {

    private final Backends backends = new Backends(URI.create("http://commands:8080"), URI.create("http://queries:8081"),
            Duration.ofSeconds(30));

    @Test
    void readsGoToTheQuerySideAndWritesToTheCommandSide() {
        assertThat(backends.target("GET", "/api/hypotheses?status=OPEN"))
                .isEqualTo(URI.create("http://queries:8081/api/hypotheses?status=OPEN"));
        assertThat(backends.target("POST", "/api/hypotheses/h-1/decisions"))
                .isEqualTo(URI.create("http://commands:8080/api/hypotheses/h-1/decisions"));
        assertThat(backends.target("PUT", "/api/meetings/m-1/notes")).hasHost("commands");
    }

    @Test
    void rebuildingAProjectionIsTheQuerySidesBusiness() {
        assertThat(backends.target("POST", "/api/admin/projections/hypotheses/rebuild")).hasHost("queries");
    }

    @Test
    void identityIsTheCommandSidesBusinessForEveryMethod() {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
            for (String path : new String[] {"/api/auth/sessions", "/api/auth/sessions/current", "/api/me", "/api/tokens",
                    "/api/tokens/t-1", "/api/admin/users?asOf=2026-01-01T00:00:00Z", "/api/admin/users/ada/history",
                    "/api/admin/tokens?user=ada", "/api/admin/tokens/t-1"}) {
                assertThat(backends.target(method, path)).as(method + " " + path).hasHost("commands");
            }
        }
        assertThat(backends.target("GET", "/api/admin/users/ada/history"))
                .isEqualTo(URI.create("http://commands:8080/api/admin/users/ada/history"));
    }

    @Test
    void workspacesAndTheirMembersAreIdentityTooWhileTheirRecordsAreRead() {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
            for (String path : new String[] {"/api/workspaces", "/api/admin/workspaces", "/api/admin/workspaces/payments",
                    "/api/admin/workspaces/payments/members", "/api/admin/workspaces/payments/members/ada",
                    "/api/admin/workspaces/payments/history"}) {
                assertThat(backends.target(method, path)).as(method + " " + path).hasHost("commands");
            }
        }
        // a workspace's records are read on the query side, shared with it or not
        assertThat(backends.target("GET", "/api/meetings?workspace=payments"))
                .isEqualTo(URI.create("http://queries:8081/api/meetings?workspace=payments"));
        assertThat(backends.target("GET", "/api/stream?workspace=payments")).hasHost("queries");
        assertThat(backends.target("POST", "/api/meetings/m-1/shares")).hasHost("commands");
        assertThat(backends.target("DELETE", "/api/meetings/m-1/shares/payments")).hasHost("commands");
        assertThat(backends.target("GET", "/api/workspacesx")).hasHost("queries");
    }

    @Test
    void onlyWholePathSegmentsCount() {
        assertThat(backends.target("GET", "/api/meetings?organization=me")).hasHost("queries");
        assertThat(backends.target("GET", "/api/tokenset")).hasHost("queries");
        assertThat(backends.target("GET", "/api/hypotheses?q=/api/me")).hasHost("queries");
    }
}
