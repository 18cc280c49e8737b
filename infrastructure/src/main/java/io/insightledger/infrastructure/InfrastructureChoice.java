package io.insightledger.infrastructure;

import io.insightledger.infrastructure.Infrastructure.Options;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** Picks embedded or containers for {@link Infrastructure#start} and says which and why. */
final class InfrastructureChoice {

    static final String SWITCH = "INSIGHT_INFRA";

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);
    // a misconfigured DOCKER_HOST can make Testcontainers wait much longer than a test should
    private static final long DOCKER_PROBE_SECONDS = 10;

    private InfrastructureChoice() {
    }

    static Infrastructure start(Options options) {
        String forced = forcedChoice();
        if ("embedded".equals(forced)) {
            return startEmbedded(options, SWITCH + "=embedded");
        }
        if ("containers".equals(forced)) {
            if (options.onlyEmbeddedCanHonour()) {
                throw new IllegalArgumentException(SWITCH + "=containers, but containers have neither a kept "
                        + "data directory nor fixed ports: " + options);
            }
            return startContainers(SWITCH + "=containers");
        }
        if (options.onlyEmbeddedCanHonour()) {
            return startEmbedded(options, "a data directory or fixed ports were asked for, which containers do not offer");
        }
        if (dockerAnswers()) {
            return startContainers("a Docker engine answered");
        }
        return startEmbedded(options, "no Docker engine answered");
    }

    static Infrastructure startEmbedded(Options options, String reason) {
        LOG.info("Real PostgreSQL and Kafka: embedded ({})", reason);
        return EmbeddedInfrastructure.start(options);
    }

    private static Infrastructure startContainers(String reason) {
        LOG.info("Real PostgreSQL and Kafka: containers ({})", reason);
        return ContainerInfrastructure.start();
    }

    /** {@code embedded}, {@code containers}, or null to decide by Docker; the system property wins over the environment. */
    private static String forcedChoice() {
        String value = System.getProperty(SWITCH, System.getenv(SWITCH));
        if (value == null || value.isBlank()) {
            return null;
        }
        String choice = value.trim().toLowerCase(Locale.ROOT);
        if (!choice.equals("embedded") && !choice.equals("containers")) {
            throw new IllegalArgumentException(SWITCH + " must be 'embedded' or 'containers', not '" + value + "'");
        }
        return choice;
    }

    private static boolean dockerAnswers() {
        FutureTask<Boolean> probe = new FutureTask<>(() -> DockerClientFactory.instance().isDockerAvailable());
        Thread thread = new Thread(probe, "docker-probe");
        thread.setDaemon(true); // a probe stuck on a socket must not keep the JVM alive
        thread.start();
        try {
            return probe.get(DOCKER_PROBE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("Docker probe failed", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
