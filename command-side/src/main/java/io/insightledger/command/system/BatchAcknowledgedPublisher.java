package io.insightledger.command.system;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Waits for the broker's acknowledgement of a whole batch at once. axon-kafka's publisher waits for each record before
 * sending the next, one round trip per event, which capped publishing at about 150 events per second. Here every
 * record of the processor's batch is sent, and the batch's unit of work waits for all acknowledgements before it
 * commits, token included: the token still moves on only after the broker has every record (a failure rolls the
 * batch back and the processor sends it again, as before).
 */
class BatchAcknowledgedPublisher extends KafkaPublisher<String, byte[]> {

    private static final String PENDING = BatchAcknowledgedPublisher.class.getName() + ".pending";

    private final ProducerFactory<String, byte[]> producers;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final String topic;
    private final Duration ackTimeout;

    BatchAcknowledgedPublisher(Builder<String, byte[]> builder, ProducerFactory<String, byte[]> producers,
                               KafkaMessageConverter<String, byte[]> converter, String topic, Duration ackTimeout) {
        super(builder);
        this.producers = producers;
        this.converter = converter;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        // a shared producer (confirmation mode wait_for_ack): closing it is not ours to do
        Future<RecordMetadata> ack = producers.createProducer().send(converter.createKafkaMessage(event, topic));
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        List<Future<RecordMetadata>> pending = batch.getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> BrokerAcknowledgements.awaitAll(acks, ackTimeout));
            return acks;
        });
        pending.add(ack);
    }
}
