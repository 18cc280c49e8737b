package io.insightledger.platform.kafka;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The event topic as both sides create it when missing. Its name is {@code axon.kafka.default-topic}, so Axon's
 * publisher and message source can never disagree with it.
 *
 * @param partitions        more partitions let more projection segments work in parallel; events of one aggregate
 *                          always share one partition (the record key is the aggregate id)
 * @param replicationFactor 1 for a single broker
 */
@Validated
@ConfigurationProperties("insight.kafka.topic")
public record EventTopicProperties(@Min(1) int partitions, @Min(1) short replicationFactor) {

    public EventTopicProperties {
        partitions = partitions == 0 ? 3 : partitions;
        replicationFactor = replicationFactor == 0 ? 1 : replicationFactor;
    }
}
