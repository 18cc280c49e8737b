package io.insightledger.demo;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator against a stand-in command API: it learns who it runs as, and a workspace that exists is done. */
class DemoDataGeneratorTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Set<String> joined = new ConcurrentSkipListSet<>();
    private HttpServer api;

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            requests.add(method + " " + path + " " + exchange.getRequestHeaders().getFirst("X-Effective-Time"));
            if (method.equals("PUT") && path.contains("/members/")) {
                joined.add(path.split("/")[4]);
            }
            // a membership shows in /api/me as soon as it is made here; the real APIs take up to their re-check time
            String workspaces = joined.stream().map(id -> "\"" + id + "\": \"ADMIN\"")
                    .collect(Collectors.joining(", ", "{\"default\": \"ADMIN\"" + (joined.isEmpty() ? "" : ", "), "}"));
            byte[] body = ("{\"name\": \"ada\", \"role\": \"ADMIN\", \"workspaces\": " + workspaces + "}")
                    .getBytes(StandardCharsets.UTF_8);
            // the workspaces exist already: a run before created them
            int status = path.equals("/api/me") ? 200 : path.equals("/api/admin/workspaces") ? 409
                    : method.equals("PUT") ? 200 : 201;
            exchange.sendResponseHeaders(status, path.equals("/api/me") ? body.length : -1);
            if (path.equals("/api/me")) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    @Test
    void theRunnerBecomesAMemberOfEachWorkspaceAndAnExistingWorkspaceIsNoFailure() {
        DemoPlan plan = DemoPlan.of(3, 0.001, Instant.parse("2026-11-01T00:00:00Z"));
        DemoDataGenerator.Summary summary = new DemoDataGenerator("http://127.0.0.1:" + api.getAddress().getPort() + "/",
                "il_token", 2, null).run(plan);

        assertThat(summary.failures()).as(summary.failuresByStatus().toString()).isZero();
        assertThat(summary.requests()).isEqualTo(plan.size());
        assertThat(requests.get(0)).startsWith("GET /api/me");
        assertThat(requests).filteredOn(r -> r.startsWith("PUT ")).extracting(r -> r.split(" ")[1]).containsExactly(
                "/api/admin/workspaces/payments/members/ada", "/api/admin/workspaces/identity/members/ada",
                "/api/admin/workspaces/platform/members/ada");
        // the workspaces come before the history
        int lastSetup = requests.indexOf(requests.stream().filter(r -> r.startsWith("PUT ")).reduce((a, b) -> b).orElseThrow());
        assertThat(requests.subList(lastSetup + 1, requests.size())).noneMatch(r -> r.contains("/api/admin/"));
        // every request of the plan says when it happened; asking who the runner is and where they are a member does not
        assertThat(requests.subList(1, requests.size())).filteredOn(r -> !r.startsWith("GET /api/me"))
                .noneMatch(r -> r.endsWith(" null"));
        assertThat(requests.subList(lastSetup + 1, requests.size())).first().asString()
                .as("the history waits until the memberships show").startsWith("GET /api/me");
    }
}
