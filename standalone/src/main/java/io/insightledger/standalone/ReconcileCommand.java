package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code java -jar insight-ledger-standalone.jar reconcile}: asks a running system's command API to reconcile the
 * topic with the event store, shows how far it is until it is done, and prints its report.
 */
@Command(name = "reconcile",
        description = {"Asks the running system's command API to reconcile the event topic with the event store "
                + "(it republishes every stored event the topic lacks), shows its progress until it is done, and "
                + "prints its report. Running it again is safe."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "1:the reconciliation failed", "2:wrong options",
                "3:nothing answers, or the command API refused the token"})
final class ReconcileCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int UNREACHABLE = 3;
    private static final String PATH = "/api/admin/reconciliation";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PHASES = Map.of(
            "READING_TOPIC", "Reading the topic", "READING_STORE", "Reading the event store",
            "REPUBLISHING", "Republishing");

    @Option(names = "--url", paramLabel = "URL",
            defaultValue = "http://${env:INSIGHT_ADDRESS:-127.0.0.1}:${env:INSIGHT_COMMAND_PORT:-8080}",
            description = "the command API (default: ${DEFAULT-VALUE}, from INSIGHT_ADDRESS and INSIGHT_COMMAND_PORT)")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "an ADMIN's API token (default: "
            + "INSIGHT_DEMO_TOKEN, or the demo token the standalone run keeps in INSIGHT_DATA_DIR)")
    String token;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Why the command ends early: the sentence to print and the exit code. */
    private static final class Stop extends Exception {
        private final int exitCode;

        Stop(int exitCode, String sentence) {
            super(sentence, null, false, false);
            this.exitCode = exitCode;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            JsonNode status = start(out);
            String shown = "";
            while (status.path("state").asText().equals("RUNNING")) {
                shown = showProgress(out, status, shown);
                Thread.sleep(POLL.toMillis());
                status = answer(send(request().GET()), 200);
            }
            return report(out, status);
        } catch (Stop stop) {
            spec.commandLine().getErr().println(stop.getMessage());
            return stop.exitCode;
        }
    }

    private JsonNode start(PrintWriter out) throws Stop, InterruptedException {
        HttpResponse<String> started = send(request().POST(HttpRequest.BodyPublishers.noBody()));
        if (started.statusCode() == 409) {
            out.println("A reconciliation is running already; following it.");
            return answer(send(request().GET()), 200);
        }
        return answer(started, 202);
    }

    private static String showProgress(PrintWriter out, JsonNode status, String shown) {
        JsonNode progress = status.path("progress");
        if (progress.isMissingNode() || progress.isNull()) {
            return shown;
        }
        String line = String.format(Locale.ROOT, "%s: %d%% (%,d of %,d)",
                PHASES.getOrDefault(status.path("phase").asText(), "Working"), progress.path("percent").asInt(),
                progress.path("done").asLong(), progress.path("total").asLong());
        if (!line.equals(shown)) {
            out.println(line);
            out.flush();
        }
        return line;
    }

    private static int report(PrintWriter out, JsonNode status) {
        JsonNode report = status.path("report");
        if (status.path("state").asText().equals("FAILED")) {
            out.printf(Locale.ROOT, "The reconciliation failed: %s. Running it again is safe.%n",
                    status.path("error").asText());
            return FAILED;
        }
        out.printf(Locale.ROOT, """
                Reconciliation done in %.1f s:
                  events in the store     %,12d
                  events on the topic     %,12d  (%,d duplicates, %,d records not envelopes, %,d unknown to the store)
                  left to the publisher   %,12d
                  missing                 %,12d
                  republished             %,12d
                """, report.path("durationMillis").asLong() / 1000.0, report.path("eventsInStore").asLong(),
                report.path("eventsOnTopic").asLong(), report.path("duplicatesOnTopic").asLong(),
                report.path("unreadableRecords").asLong(), report.path("unknownToStore").asLong(),
                report.path("leftToPublisher").asLong(), report.path("missing").asLong(),
                report.path("republished").asLong());
        return 0;
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + PATH))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
    }

    private String token() {
        if (token != null && !token.isBlank()) {
            return token;
        }
        Path dataDir = Path.of(System.getenv().getOrDefault("INSIGHT_DATA_DIR",
                Path.of(System.getProperty("user.home"), ".insight-ledger").toString()));
        return StandaloneLauncher.demoToken(System.getenv(), dataDir);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Stop, InterruptedException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Stop(UNREACHABLE, "Nothing answers at " + url + ": is Insight Ledger running? "
                    + "Start it with java -jar standalone/target/insight-ledger-standalone.jar, or point --url at its "
                    + "command API.");
        }
    }

    private JsonNode answer(HttpResponse<String> response, int expected) throws Stop {
        int status = response.statusCode();
        if (status == 401) {
            throw new Stop(UNREACHABLE, "The command API at " + url + " refused the token: check --token "
                    + "(INSIGHT_DEMO_TOKEN).");
        }
        if (status == 403) {
            throw new Stop(UNREACHABLE, "This token may not reconcile: that needs role ADMIN.");
        }
        try {
            if (status == expected) {
                return JSON.readTree(response.body());
            }
        } catch (IOException e) {
            // answered, but not with a status: said below
        }
        throw new Stop(UNREACHABLE, "The command API at " + url + " answered " + status + " instead of "
                + expected + ": " + response.body());
    }
}
