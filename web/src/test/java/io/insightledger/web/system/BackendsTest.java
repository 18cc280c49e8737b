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
}
