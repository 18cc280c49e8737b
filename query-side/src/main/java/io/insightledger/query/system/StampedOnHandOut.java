package io.insightledger.query.system;

import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

/** The sorted buffer, each event taken out carrying the positions of all events taken out up to it. */
final class StampedOnHandOut implements Buffer<KafkaEventMessage> {

    private final Buffer<KafkaEventMessage> sorted;
    private final String topic;
    private KafkaTrackingToken handedOut;

    StampedOnHandOut(Buffer<KafkaEventMessage> sorted, String topic, KafkaTrackingToken start) {
        this.sorted = sorted;
        this.topic = topic;
        this.handedOut = start;
    }

    @Override
    public KafkaEventMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
        return handOut(sorted.poll(timeout, unit));
    }

    @Override
    public KafkaEventMessage take() throws InterruptedException {
        return handOut(sorted.take());
    }

    @Override
    public KafkaEventMessage peek() {
        KafkaEventMessage next = sorted.peek();
        return next == null ? null : stamped(next, handedOut.advancedTo(topic, next.partition(), next.offset()));
    }

    private KafkaEventMessage handOut(KafkaEventMessage next) {
        if (next == null) {
            return null;
        }
        handedOut = handedOut.advancedTo(topic, next.partition(), next.offset());
        return stamped(next, handedOut);
    }

    private static KafkaEventMessage stamped(KafkaEventMessage event, KafkaTrackingToken token) {
        return new KafkaEventMessage(event.value().withTrackingToken(token), event.partition(), event.offset(),
                event.timestamp());
    }

    @Override
    public void put(KafkaEventMessage event) throws InterruptedException {
        sorted.put(event);
    }

    @Override
    public void putAll(Collection<KafkaEventMessage> events) throws InterruptedException {
        sorted.putAll(events);
    }

    @Override
    public int size() {
        return sorted.size();
    }

    @Override
    public boolean isEmpty() {
        return sorted.isEmpty();
    }

    @Override
    public int remainingCapacity() {
        return sorted.remainingCapacity();
    }

    @Override
    public void clear() {
        sorted.clear();
    }

    @Override
    public void setException(RuntimeException exception) {
        sorted.setException(exception);
    }
}
