package io.insightledger.command.reconciliation;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The tracking processor that publishes stored events to the topic: where it has got to, and starting it. */
@Component
class PublishingProcessor {

    private final EventProcessingConfiguration processing;
    private final String name;

    PublishingProcessor(EventProcessingConfiguration processing, KafkaProperties kafka) {
        this.processing = processing;
        this.name = kafka.getPublisher().getProcessingGroup();
    }

    /**
     * How far the publisher has published, while it runs: every event at or below the token's index and not among its
     * gaps was acknowledged by the broker (its token moves on only after that). Empty when it does not run.
     */
    Optional<GapAwareTrackingToken> position() {
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .map(processor -> processor.processingStatus().get(0))
                .map(EventTrackerStatus::getTrackingToken)
                .map(WrappedToken::unwrapLowerBound)
                .filter(GapAwareTrackingToken.class::isInstance)
                .map(GapAwareTrackingToken.class::cast);
    }

    /** It does not start by itself: see {@link StartUpReconciliation}. */
    void start() {
        processing.eventProcessor(name).ifPresent(EventProcessor::start);
    }
}
