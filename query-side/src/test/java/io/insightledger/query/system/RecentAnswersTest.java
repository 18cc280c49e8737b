package io.insightledger.query.system;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RecentAnswersTest {

    private final AtomicLong rebuilds = new AtomicLong();
    private final AtomicInteger computations = new AtomicInteger();

    @Test
    void aFreshAnswerIsSharedAndAnOldOneRecomputed() throws InterruptedException {
        RecentAnswers<String, Integer> answers = new RecentAnswers<>(Duration.ofSeconds(1), rebuilds::get);

        assertThat(answers.get("board", computations::incrementAndGet)).isEqualTo(1);
        assertThat(answers.get("board", computations::incrementAndGet)).isEqualTo(1);
        assertThat(answers.get("dashboard", computations::incrementAndGet)).as("another question").isEqualTo(2);

        Thread.sleep(2_100);
        assertThat(answers.get("board", computations::incrementAndGet)).as("older than twice the period").isEqualTo(3);
    }

    @Test
    void nothingFromBeforeARebuildIsHandedOut() {
        RecentAnswers<String, Integer> answers = new RecentAnswers<>(Duration.ofMinutes(1), rebuilds::get);
        assertThat(answers.get("board", computations::incrementAndGet)).isEqualTo(1);

        rebuilds.incrementAndGet();

        assertThat(answers.get("board", computations::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void whileOneCallerRecomputesTheOthersGetThePreviousAnswer() throws Exception {
        RecentAnswers<String, Integer> answers = new RecentAnswers<>(Duration.ofSeconds(1), rebuilds::get);
        assertThat(answers.get("board", () -> 1)).isEqualTo(1);
        Thread.sleep(1_100);
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> answers.get("board", () -> {
            computing.countDown();
            await(release);
            return 2;
        }));
        assertThat(computing.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(answers.get("board", () -> 3)).as("not made to wait").isEqualTo(1);

        release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(answers.get("board", () -> 4)).isEqualTo(2);
    }

    @Test
    void withoutAnAnswerYetTheOthersWaitForTheOneComputation() throws Exception {
        RecentAnswers<String, Integer> answers = new RecentAnswers<>(Duration.ofSeconds(1), rebuilds::get);
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> answers.get("dashboard", () -> {
            computing.countDown();
            await(release);
            return computations.incrementAndGet();
        }));
        assertThat(computing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() ->
                answers.get("dashboard", computations::incrementAndGet));
        Thread.sleep(200);

        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(computations).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
