package io.insightledger.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Creates the event topic if it is missing: with the configured partitions and unlimited retention, because the
 * topic is the query side's history and every projection is rebuilt from its start.
 */
public class EventTopic implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventTopic.class);

    private final String name;
    private final EventTopicProperties properties;
    private final Map<String, Object> adminConfig;
    private Admin admin;

    public EventTopic(String name, EventTopicProperties properties, List<String> bootstrapServers) {
        this.name = name;
        this.properties = properties;
        this.adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    }

    public String name() {
        return name;
    }

    /**
     * Makes sure the topic exists, trying until it does or the deadline passes.
     *
     * @return whether the topic exists
     */
    public boolean ensureExists(Duration deadline) {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        boolean told = false;
        while (true) {
            try {
                createIfMissing();
                if (told) {
                    log.info("Topic {} is there now", name);
                }
                return true;
            } catch (ExecutionException | RuntimeException e) {
                if (System.nanoTime() > giveUpAt) {
                    log.warn("Topic {} could not be created: {}", name, e.getMessage());
                    return false;
                }
                if (!told) {
                    log.warn("Kafka does not answer yet; will create topic {} when it does: {}", name, e.getMessage());
                    told = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (!pause()) {
                return false;
            }
        }
    }

    /** Where the topic ends now, per partition (the offset the next record will get); empty if Kafka does not answer. */
    public Map<TopicPartition, Long> endOffsets() {
        try {
            Set<TopicPartition> partitions = admin().describeTopics(List.of(name)).allTopicNames()
                    .get(5, TimeUnit.SECONDS).get(name).partitions().stream()
                    .map(p -> new TopicPartition(name, p.partition()))
                    .collect(Collectors.toSet());
            return admin().listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(5, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("End offsets of {} unknown: {}", name, e.toString());
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private void createIfMissing() throws ExecutionException, InterruptedException {
        try {
            Admin admin = admin();
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            if (existing.contains(name)) {
                return;
            }
            NewTopic topic = new NewTopic(name, properties.partitions(), properties.replicationFactor())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                            TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
            admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            log.info("Created topic {} with {} partitions and unlimited retention", name, properties.partitions());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer in time", e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(Duration.ofSeconds(1).toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
