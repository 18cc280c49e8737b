package io.insightledger.command.system;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.messaging.EventPublicationFailedException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for the broker: records sent together are acknowledged within one deadline, or the sending fails. */
public final class BrokerAcknowledgements {

    private BrokerAcknowledgements() {
    }

    /** @throws EventPublicationFailedException when one is refused, or not acknowledged within {@code timeout} */
    public static void awaitAll(List<Future<RecordMetadata>> acks, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublicationFailedException("Interrupted while waiting for Kafka's acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventPublicationFailedException("Kafka did not acknowledge every event sent", e);
        }
    }
}
