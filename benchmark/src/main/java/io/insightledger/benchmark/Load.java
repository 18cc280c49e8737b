package io.insightledger.benchmark;

import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drives requests and measures them. The open model sends at a fixed arrival rate whatever the answers do, and
 * measures each request from the moment it was due, so a slow answer delays nothing and hides nothing (no coordinated
 * omission). The closed model keeps N clients busy, each sending as soon as its last answer came, for sustained
 * throughput.
 */
final class Load {

    /** One request of a mix; {@code onSuccess} sees its 2xx answer (to remember what now exists). */
    record Operation(String type, HttpRequest request, Consumer<HttpResponse<String>> onSuccess) {
    }

    /** What a load phase did. Every answer that is not 2xx, and every request that got no answer, is an error. */
    static final class Result {
        final String name;
        final Latency all = new Latency();
        final Map<String, Latency> byType = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong inFlight = new AtomicLong();
        long startedNanos;
        long endedNanos;

        Result(String name) {
            this.name = name;
        }

        void record(Operation operation, HttpResponse<String> response, Throwable failure, long latencyNanos) {
            all.recordNanos(latencyNanos);
            byType.computeIfAbsent(operation.type(), type -> new Latency()).recordNanos(latencyNanos);
            if (failure != null) {
                error(failure.getClass().getSimpleName());
            } else if (response.statusCode() / 100 != 2) {
                error(operation.type() + " " + response.statusCode());
            } else {
                ok.incrementAndGet();
                operation.onSuccess().accept(response);
            }
        }

        void error(String kind) {
            errors.computeIfAbsent(kind, key -> new AtomicLong()).incrementAndGet();
        }

        long errorCount() {
            return errors.values().stream().mapToLong(AtomicLong::get).sum();
        }

        double seconds() {
            return Math.max(1e-9, (endedNanos - startedNanos) / 1e9);
        }

        Map<String, Object> summary() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("seconds", Latency.round(seconds()));
            summary.put("sent", sent.get());
            summary.put("ok", ok.get());
            summary.put("errors", errorCount());
            Map<String, Long> errorKinds = new LinkedHashMap<>();
            errors.forEach((kind, count) -> errorKinds.put(kind, count.get()));
            summary.put("errorsByKind", errorKinds);
            summary.put("okPerSecond", Latency.round(ok.get() / seconds()));
            summary.put("latency", all.summary());
            Map<String, Object> types = new LinkedHashMap<>();
            byType.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(type -> types.put(type.getKey(), type.getValue().summary()));
            summary.put("latencyByType", types);
            return summary;
        }
    }

    private final Api api;
    private final PrintStream progress;

    Load(Api api, PrintStream progress) {
        this.api = api;
        this.progress = progress;
    }

    Result open(String name, double rate, Duration duration, Supplier<Operation> operations) {
        Result result = new Result(name);
        long period = (long) (1e9 / rate);
        // a client that cannot keep up must not go on opening connections without end: what it cannot send is an error
        long maxInFlight = Math.max(64, (long) rate * 10);
        try (AutoCloseable ignored = progressEverySecond(result, duration)) {
            result.startedNanos = System.nanoTime();
            long end = result.startedNanos + duration.toNanos();
            for (long i = 0; ; i++) {
                long due = result.startedNanos + i * period;
                if (due >= end) {
                    break;
                }
                LockSupport.parkNanos(due - System.nanoTime());
                if (result.inFlight.get() >= maxInFlight) {
                    result.error("not sent: " + maxInFlight + " requests already waiting");
                    continue;
                }
                Operation operation = operations.get();
                result.sent.incrementAndGet();
                result.inFlight.incrementAndGet();
                api.client().sendAsync(operation.request(), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, failure) -> {
                            result.record(operation, response, failure, System.nanoTime() - due);
                            result.inFlight.decrementAndGet();
                        });
            }
            awaitAnswers(result);
            result.endedNanos = result.startedNanos + duration.toNanos();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    Result closed(String name, int clients, Duration duration, Supplier<Operation> operations) {
        Result result = new Result(name);
        try (AutoCloseable ignored = progressEverySecond(result, duration)) {
            result.startedNanos = System.nanoTime();
            long end = result.startedNanos + duration.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread client = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        Operation operation = operations.get();
                        result.sent.incrementAndGet();
                        result.inFlight.incrementAndGet();
                        long started = System.nanoTime();
                        HttpResponse<String> response = null;
                        Throwable failure = null;
                        try {
                            response = api.client().send(operation.request(), HttpResponse.BodyHandlers.ofString());
                        } catch (Exception e) {
                            failure = e;
                        }
                        result.record(operation, response, failure, System.nanoTime() - started);
                        result.inFlight.decrementAndGet();
                    }
                }, "client-" + c);
                client.setDaemon(true);
                client.start();
                threads.add(client);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            result.endedNanos = System.nanoTime();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    private static void awaitAnswers(Result result) {
        long deadline = System.nanoTime() + Api.TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(5);
        while (result.inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        if (result.inFlight.get() > 0) {
            result.errors.computeIfAbsent("no answer", key -> new AtomicLong()).addAndGet(result.inFlight.get());
        }
    }

    private AutoCloseable progressEverySecond(Result result, Duration duration) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> {
            double elapsed = (System.nanoTime() - result.startedNanos) / 1e9;
            progress.printf("  [%s] %3.0f/%d s  sent %d  ok %d (%.0f/s)  errors %d  in flight %d  p99 %.1f ms%n",
                    result.name, elapsed, duration.toSeconds(), result.sent.get(), result.ok.get(),
                    result.ok.get() / Math.max(1e-3, elapsed), result.errorCount(), result.inFlight.get(),
                    result.all.percentileMillis(99));
        }, 1, 1, TimeUnit.SECONDS);
        return timer::shutdownNow;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
