package io.insightledger.standalone;

import io.insightledger.standalone.Api.Response;
import io.insightledger.standalone.Identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import java.util.concurrent.atomic.AtomicReference;

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
    void aBurstOfWrongPasswordsIsAnswered429WithoutHashingThemAndTheRightPasswordWorksAfterTheWait() throws Exception {
        User user = identity.user("throttled", "VIEWER");
        Api signIn = Api.anonymous(running.system().commandUrl()).withHeader("X-Forwarded-For", Identity.address());
        Map<String, String> wrong = Map.of("name", user.name(), "password", "not the password at all");

        // the free failures one by one, so the burst starts at the edge: each is checked (a bcrypt hash) and refused
        long freeCpu = commandSideRequestCpuNanos();
        for (int i = 0; i < FREE_FAILURES; i++) {
            Response refused = signIn.post("/api/auth/sessions", wrong);
            assertThat(refused.status()).as("free failure " + (i + 1)).isEqualTo(401);
            assertThat(refused.body().path("title").asText()).isEqualTo("WrongNameOrPassword");
        }
        double cpuPerHashedSignIn = (commandSideRequestCpuNanos() - freeCpu) / 1e9 / FREE_FAILURES;

        AtomicInteger sent = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Set<String> throttledContentTypes = ConcurrentHashMap.newKeySet();
        AtomicReference<Response> lastThrottled = new AtomicReference<>();
        long cpuBefore = commandSideRequestCpuNanos();
        long processCpuBefore = processCpuNanos();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            Callable<Void> client = () -> {
                while (sent.incrementAndGet() <= BURST - FREE_FAILURES) {
                    Response answer = signIn.post("/api/auth/sessions", wrong);
                    statuses.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();
                    if (answer.status() == 429) {
                        throttledContentTypes.add(answer.contentType());
                        assertThat(answer.header("Retry-After")).matches("[1-9][0-9]*");
                        lastThrottled.set(answer);
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
        int burst = BURST - FREE_FAILURES;
        int hashed = count(statuses, 401);
        int throttled = count(statuses, 429);
        System.out.printf("SignInThrottleIT: %d wrong passwords from %d clients in %d ms after %d free failures: "
                        + "%d answered 401 (hashed), %d answered 429, others %s; command side's request threads "
                        + "used %.3f CPU s (%.3f ms per request; a hashed sign-in costs %.1f ms), the whole JVM "
                        + "%.3f CPU s%n",
                burst, CLIENTS, took.toMillis(), FREE_FAILURES, hashed, throttled, statuses, cpuSeconds,
                1000 * cpuSeconds / burst, 1000 * cpuPerHashedSignIn, processCpuSeconds);

        assertThat(hashed + throttled).as("every answer is 401 or 429: " + statuses).isEqualTo(burst);
        // at most the requests already in flight when the block began are checked: one per client
        assertThat(hashed).isLessThanOrEqualTo(CLIENTS);
        assertThat(throttledContentTypes).allSatisfy(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(lastThrottled.get().body().path("title").asText()).isEqualTo("Throttled");
        // fewer than 50 hashes' worth of CPU for the whole burst: the 429s cost next to nothing
        assertThat(cpuSeconds).isLessThan(50 * cpuPerHashedSignIn);

        // the right password is refused too while blocked (a guesser learns nothing), and works after the wait
        long retryAfter = Long.parseLong(lastThrottled.get().header("Retry-After"));
        assertThat(retryAfter).as("the block after %d failures", FREE_FAILURES + hashed).isLessThanOrEqualTo(16);
        long lastRefusal = System.nanoTime();
        Map<String, String> right = Map.of("name", user.name(), "password", user.password());
        assertThat(signIn.post("/api/auth/sessions", right).status()).isEqualTo(429);
        await().atMost(Duration.ofSeconds(retryAfter + 2)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Response answer = signIn.post("/api/auth/sessions", right);
            assertThat(answer.status()).as(answer.raw().body()).isIn(201, 429).isEqualTo(201);
        });
        Duration waited = Duration.ofNanos(System.nanoTime() - lastRefusal);
        System.out.printf("SignInThrottleIT: Retry-After %d s; the right password worked after %d ms%n",
                retryAfter, waited.toMillis());
        assertThat(waited).isGreaterThan(Duration.ofSeconds(retryAfter - 1));
        // the success cleared the count: one more wrong password is a free failure again
        assertThat(signIn.post("/api/auth/sessions", wrong).status()).isEqualTo(401);
    }

    @Test
    void badTokensFromOneAddressAreAnswered429AfterAFewOnBothApis() {
        for (String baseUrl : List.of(running.system().commandUrl(), running.system().queryUrl())) {
            String address = Identity.address();
            Api guessing = Api.as(baseUrl, "il_" + "guessed".repeat(6) + "x").withHeader("X-Forwarded-For", address);
            int attempts = 0;
            Response answer;
            do {
                answer = guessing.get("/api/me");
                attempts++;
            } while (answer.status() == 401 && attempts < 20);
            System.out.printf("SignInThrottleIT: %s answered 429 to the bad token number %d%n", baseUrl, attempts);
            assertThat(answer.status()).isEqualTo(429);
            // the sixth failure blocks: the seventh attempt is the first answered 429
            assertThat(attempts).isEqualTo(FREE_FAILURES + 2);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().path("title").asText()).isEqualTo("Throttled");
            long retryAfter = Long.parseLong(answer.header("Retry-After"));
            assertThat(retryAfter).isBetween(1L, 2L);

            // a good token from that address waits too (it is the address that is blocked), not from another one
            Api good = Api.as(baseUrl, RunningSystem.TOKEN).withHeader("X-Forwarded-For", address);
            assertThat(good.get("/api/hypotheses").status()).isEqualTo(429);
            assertThat(Api.as(baseUrl, RunningSystem.TOKEN).withHeader("X-Forwarded-For", Identity.address())
                    .get("/api/hypotheses").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(retryAfter + 1)).pollInterval(Duration.ofMillis(100))
                    .until(() -> good.get("/api/hypotheses").status() == 200);
        }
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
