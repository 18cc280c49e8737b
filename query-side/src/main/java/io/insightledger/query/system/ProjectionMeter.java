package io.insightledger.query.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the events each projection handles, and their rate over the last few seconds. */
@Component
public class ProjectionMeter {

    private static final long SAMPLE_MILLIS = 2_000;

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> handled = new ConcurrentHashMap<>();
    private final Map<String, Long> lastCount = new ConcurrentHashMap<>();
    private final Map<String, Double> rate = new ConcurrentHashMap<>();

    ProjectionMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    MessageHandlerInterceptor<EventMessage<?>> interceptorFor(String projection) {
        AtomicLong counter = handled.computeIfAbsent(projection, name -> registry.gauge(
                "insight.projection.events.handled", Tags.of("projection", name),
                new AtomicLong()));
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                    throws Exception {
                counter.incrementAndGet();
                return chain.proceed();
            }
        };
    }

    public long eventsHandled(String projection) {
        AtomicLong counter = handled.get(projection);
        return counter == null ? 0 : counter.get();
    }

    public double eventsPerSecond(String projection) {
        return rate.getOrDefault(projection, 0.0);
    }

    @Scheduled(fixedRate = SAMPLE_MILLIS)
    void sample() {
        handled.forEach((projection, counter) -> {
            long now = counter.get();
            long before = lastCount.getOrDefault(projection, now);
            rate.put(projection, (now - before) * 1000.0 / SAMPLE_MILLIS);
            lastCount.put(projection, now);
        });
    }
}
