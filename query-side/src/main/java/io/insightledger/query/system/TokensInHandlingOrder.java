package io.insightledger.query.system;

import org.apache.kafka.clients.consumer.Consumer;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerSeekUtil;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaMessageStream;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.TrackingRecordConverter;
import org.axonframework.serialization.Serializer;

import java.util.List;

/**
 * axon-kafka's source, except for the tokens its events carry. axon-kafka stamps each event, when its record is
 * fetched, with the positions fetched so far, then hands the events out sorted by timestamp across partitions. A
 * processor keeps the token of the last event it handled, so when records of several partitions arrive together (a
 * rebuild, a restart, a burst) that token could leave out a partition it had handled to the end (the projection
 * never looked caught up) or take in records still waiting in the buffer. Here each event is stamped as it is
 * handed out: its token holds exactly the records handed out up to it.
 */
final class TokensInHandlingOrder extends StreamableKafkaMessageSource<String, byte[]> {

    private final String topic;
    private final ConsumerFactory<String, byte[]> consumers;
    private final Fetcher<String, byte[], KafkaEventMessage> fetcher;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final int bufferSize;

    TokensInHandlingOrder(String topic, Serializer serializer, ConsumerFactory<String, byte[]> consumers,
                          Fetcher<String, byte[], KafkaEventMessage> fetcher,
                          KafkaMessageConverter<String, byte[]> converter, int bufferSize) {
        super(StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(topic))
                .serializer(serializer)
                .consumerFactory(consumers)
                .fetcher(fetcher)
                .messageConverter(converter));
        this.topic = topic;
        this.consumers = consumers;
        this.fetcher = fetcher;
        this.converter = converter;
        this.bufferSize = bufferSize;
    }

    /** As axon-kafka opens a stream, with the buffer that stamps the events it hands out. */
    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        KafkaTrackingToken start = KafkaTrackingToken.from(trackingToken);
        TrackingRecordConverter<String, byte[]> records = new TrackingRecordConverter<>(converter, start);
        Consumer<String, byte[]> consumer = consumers.createConsumer(null);
        ConsumerSeekUtil.seekToCurrentPositions(consumer, records::currentToken, List.of(topic));
        StampedOnHandOut buffer =
                new StampedOnHandOut(new SortedKafkaMessageBuffer<>(bufferSize), topic, start);
        Registration fetching = fetcher.poll(consumer, records, buffer::putAll, buffer::setException);
        return new KafkaMessageStream(buffer, fetching);
    }
}
