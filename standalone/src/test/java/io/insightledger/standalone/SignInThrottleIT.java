package io.insightledger.standalone;

import io.insightledger.standalone.Api.Response;
import io.insightledger.standalone.Identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Password guessing and token guessing are throttled per address and user name: after five free failures a blocked
 * key is answered 429 with {@code Retry-After} before any password hash is computed, so a flood costs a map lookup
 * per request; after the wait the right password works again.
 *
 * <p>On the shared system: the throttle is per address, and every test comes from 127.0.0.1, so each test here
 * sends {@code X-Forwarded-For} with an address of its own (the APIs trust it from loopback) and, for sign-ins, a
 * user of its own.
 */
class SignInThrottleIT {

    @RegisterExtension
    static final RunningSystem running = RunningSystem.shared();

    private static final int FREE_FAILURES = 5;
    private static final int BURST = 1_000;
    private static final int CLIENTS = 4;

    private final Identity identity = new Identity(running);

    @Test
    void aBurstOfWrongPasswordsIsAnswered429WithoutHashingThem() throws Exception {
        User user = identity.user("burst", "VIEWER");
        String address = Identity.address();
        Api signIn = Api.anonymous(running.system().commandUrl()).withHeader("X-Forwarded-For", address);
        Map<String, String> wrong = Map.of("name", user.name(), "password", "not the password at all");

        // the free failures one by one, so the burst starts at the edge: each is checked (a bcrypt hash) and refused
        long freeCpu = commandSideRequestCpuNanos();
        for (int i = 0; i < FREE_FAILURES; i++) {
            Response refused = signIn.post("/api/auth/sessions", wrong);
            assertThat(refused.status()).as("free failure " + (i + 1)).isEqualTo(401);
            assertThat(refused.body().path("title").asText()).isEqualTo("WrongNameOrPassword");
        }
        double cpuPerHashedSignIn = (commandSideRequestCpuNanos() - freeCpu) / 1e9 / FREE_FAILURES;

        // the rest as fast as this JVM can send them: one request, built once, its answer's body not even read
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest guess = HttpRequest.newBuilder(URI.create(running.system().commandUrl() + "/api/auth/sessions"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(wrong))).build();
        int burst = BURST - FREE_FAILURES;
        AtomicInteger sent = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Set<String> throttledAnswers = ConcurrentHashMap.newKeySet();
        long cpuBefore = commandSideRequestCpuNanos();
        long processCpuBefore = processCpuNanos();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            Callable<Void> client = () -> {
                while (sent.incrementAndGet() <= burst) {
                    HttpResponse<Void> answer = http.send(guess, HttpResponse.BodyHandlers.discarding());
                    statuses.computeIfAbsent(answer.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                    if (answer.statusCode() == 429) {
                        throttledAnswers.add(answer.headers().firstValue("Content-Type").orElse("none")
                                + " Retry-After: " + answer.headers().firstValue("Retry-After").orElse("none")
                                .replaceAll("[0-9]+", "n"));
                    }
                }
                return null;
            };
            for (Future<Void> done : clients.invokeAll(Collections.nCopies(CLIENTS, client))) {
                done.get();
            }
        } finally {
            clients.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        double cpuSeconds = (commandSideRequestCpuNanos() - cpuBefore) / 1e9;
        double processCpuSeconds = (processCpuNanos() - processCpuBefore) / 1e9;
        int hashed = count(statuses, 401);
        int throttled = count(statuses, 429);
        System.out.printf("SignInThrottleIT: %d wrong passwords for one user from one address, %d one by one, then "
                        + "%d from %d clients in %d ms: %d answered 401 (hashed), %d answered 429 %s; the command "
                        + "side's request threads used %.3f CPU s for the burst (%.3f ms per request; a hashed "
                        + "sign-in cost %.1f ms), the whole JVM %.3f CPU s (%.3f ms per request)%n",
                BURST, FREE_FAILURES, burst, CLIENTS, took.toMillis(), FREE_FAILURES + hashed, throttled,
                statuses, cpuSeconds, 1000 * cpuSeconds / burst, 1000 * cpuPerHashedSignIn, processCpuSeconds,
                1000 * processCpuSeconds / burst);

        assertThat(hashed + throttled).as("every answer is 401 or 429: " + statuses).isEqualTo(burst);
        // a block lets through only the requests in flight when it ends, one per client: whatever this machine's
        // speed, far fewer than 50 of the 1,000 are hashed
        assertThat(FREE_FAILURES + hashed).isLessThan(50);
        assertThat(throttledAnswers).containsExactly("application/problem+json Retry-After: n");
        // fewer than 50 hashes' worth of CPU for the whole burst: a 429 costs next to nothing
        assertThat(cpuSeconds).isLessThan(50 * cpuPerHashedSignIn);

        // the right password is refused as well while blocked: a guesser learns nothing from the answer
        Response blocked = signIn.post("/api/auth/sessions", Map.of("name", user.name(), "password",
                user.password()));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.contentType()).startsWith("application/problem+json");
        assertThat(blocked.body().path("title").asText()).isEqualTo("Throttled");
        long retryAfter = Long.parseLong(blocked.header("Retry-After"));
        assertThat(blocked.body().path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        // the block doubles with each failure after the free ones (1 s for the first), up to 15 minutes
        long longest = Math.min(900, 1L << Math.max(0, Math.min(hashed - 1, 20)));
        assertThat(retryAfter).isBetween(1L, longest);
        System.out.printf("SignInThrottleIT: after %d failures the user and the address are blocked for %d s%n",
                FREE_FAILURES + hashed, retryAfter);
    }

    @Test
    void afterRetryAfterTheRightPasswordWorksAndClearsTheNamesCountButNotTheAddresss() {
        User user = identity.user("waited", "VIEWER");
        Api signIn = Api.anonymous(running.system().commandUrl()).withHeader("X-Forwarded-For", Identity.address());
        Map<String, String> wrong = Map.of("name", user.name(), "password", "not the password at all");
        Map<String, String> right = Map.of("name", user.name(), "password", user.password());
        // five free failures and a sixth, which blocks for a second
        for (int i = 0; i <= FREE_FAILURES; i++) {
            assertThat(signIn.post("/api/auth/sessions", wrong).status()).as("failure " + (i + 1)).isEqualTo(401);
        }
        Response blocked = signIn.post("/api/auth/sessions", right);
        long refusedAt = System.nanoTime();
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isEqualTo("1");

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(signIn.post("/api/auth/sessions", right).status()).isIn(201, 429).isEqualTo(201));
        Duration waited = Duration.ofNanos(System.nanoTime() - refusedAt);
        System.out.printf("SignInThrottleIT: Retry-After 1 s; the right password worked after %d ms%n",
                waited.toMillis());
        // the success cleared the name's count: from elsewhere, two more wrong passwords are free failures again
        Api elsewhere = Api.anonymous(running.system().commandUrl()).withHeader("X-Forwarded-For", Identity.address());
        assertThat(elsewhere.post("/api/auth/sessions", wrong).status()).isEqualTo(401);
        assertThat(elsewhere.post("/api/auth/sessions", wrong).status()).isEqualTo(401);
        // but not the address's: one good account must not reset a guess at others from the same place
        assertThat(signIn.post("/api/auth/sessions", wrong).status()).isEqualTo(401);
        assertThat(signIn.post("/api/auth/sessions", wrong).status()).isEqualTo(429);
    }

    @Test
    void badTokensFromOneAddressAreAnswered429AfterAFewOnBothApis() {
        Map<String, String> reads = Map.of(running.system().commandUrl(), "/api/me",
                running.system().queryUrl(), "/api/hypotheses");
        reads.forEach((baseUrl, read) -> {
            String address = Identity.address();
            Api guessing = Api.as(baseUrl, "il_" + "guessed".repeat(6) + "x").withHeader("X-Forwarded-For", address);
            int attempts = 0;
            Response answer;
            do {
                answer = guessing.get(read);
                attempts++;
            } while (answer.status() == 401 && attempts < 20);
            System.out.printf("SignInThrottleIT: %s answered 429 to bad token number %d%n", baseUrl, attempts);
            assertThat(answer.status()).isEqualTo(429);
            // the free failures and the one that blocks are answered 401 (a late request may add one more)
            assertThat(attempts).isBetween(FREE_FAILURES + 2, FREE_FAILURES + 3);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().path("title").asText()).isEqualTo("Throttled");
            long retryAfter = Long.parseLong(answer.header("Retry-After"));
            assertThat(retryAfter).isBetween(1L, 2L);

            // a good token from that address waits too (the address is what is blocked), from another it does not
            Api good = Api.as(baseUrl, RunningSystem.TOKEN).withHeader("X-Forwarded-For", address);
            assertThat(good.get(read).status()).isEqualTo(429);
            assertThat(Api.as(baseUrl, RunningSystem.TOKEN).withHeader("X-Forwarded-For", Identity.address())
                    .get(read).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(retryAfter + 2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> good.get(read).status() == 200);
        });
    }

    private static int count(Map<Integer, AtomicInteger> statuses, int status) {
        AtomicInteger count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    /**
     * The CPU time of the command side's request threads (Tomcat names them after its port): the system runs in this
     * JVM, next to the query side, the web app and Kafka, whose work this leaves out.
     */
    private static long commandSideRequestCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String port = "-" + running.system().commandUrl().substring(running.system().commandUrl().lastIndexOf(':') + 1)
                + "-exec-";
        long[] ids = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(info -> info != null && info.getThreadName().contains(port))
                .mapToLong(info -> info.getThreadId()).toArray();
        assertThat(ids).as("the command side's request threads (*" + port + "*)").isNotEmpty();
        return Arrays.stream(ids).map(threads::getThreadCpuTime).filter(nanos -> nanos > 0).sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
