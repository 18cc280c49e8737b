package io.insightledger.standalone;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone jar's reconcile command against a stand-in for the command API: what it says, and its exit code. */
class ReconcileCommandTest {

    private static final String DONE = """
            {"state": "DONE", "phase": "REPUBLISHING", "progress": {"done": 3, "total": 3, "percent": 100},
             "report": {"eventsInStore": 1200, "eventsOnTopic": 1197, "duplicatesOnTopic": 4, "unreadableRecords": 0,
                        "unknownToStore": 0, "leftToPublisher": 0, "missing": 3, "republished": 3,
                        "durationMillis": 2500}}""";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.stop(0);
        }
    }

    @Test
    void whenNothingAnswersItSaysSoAndFails() {
        String url = "http://127.0.0.1:" + RunningSystem.freePort();

        assertThat(reconcile(url)).isEqualTo(3);
        assertThat(err.toString()).startsWith("Nothing answers at " + url + ": is Insight Ledger running?");
    }

    @Test
    void aRefusedTokenIsNamed() throws IOException {
        answer(401, "", 401, "");

        assertThat(reconcile(url())).isEqualTo(3);
        assertThat(err.toString()).contains("refused the token", "--token (INSIGHT_DEMO_TOKEN)");
    }

    @Test
    void aReconciliationRunningAlreadyIsFollowedToItsReport() throws IOException {
        answer(409, "{\"rule\": \"ReconciliationRunning\"}", 200, DONE);

        assertThat(reconcile(url())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("A reconciliation is running already; following it.",
                "Reconciliation done in 2.5 s:").containsPattern("missing +3\\n").containsPattern("republished +3\\n")
                .contains("(4 duplicates, 0 records not envelopes, 0 unknown to the store)");
    }

    @Test
    void aFailedReconciliationFails() throws IOException {
        answer(202, "{\"state\": \"FAILED\", \"error\": \"Kafka does not answer\"}", 200, "");

        assertThat(reconcile(url())).isEqualTo(1);
        assertThat(out.toString())
                .contains("The reconciliation failed: Kafka does not answer. Running it again is safe.");
    }

    private int reconcile(String url) {
        return new CommandLine(new ReconcileCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--url=" + url, "--token=il_secret");
    }

    /** A stand-in for the command API's reconciliation endpoint: how it answers POST, and GET. */
    private void answer(int postStatus, String postBody, int getStatus, String getBody) throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/api/admin/reconciliation", exchange -> {
            boolean post = exchange.getRequestMethod().equals("POST");
            byte[] body = (post ? postBody : getBody).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(post ? postStatus : getStatus, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
    }

    private String url() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }
}
