package io.insightledger.query.system;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * What a projection holds back while it handles a unit of events, and does when the unit ends: batched writes, moved
 * cursors, re-folds. Round trips to PostgreSQL were most of a projection's time, so normally the unit is the
 * processor's whole batch and ends as the batch prepares to commit. A batch that failed is handled again one event at
 * a time ({@link #alone}), each event a unit of its own, so that the one event that cannot be applied is found and
 * parked while the others are applied.
 */
public final class BatchWork {

    private static final String KEY = BatchWork.class.getName();

    private final List<? extends EventMessage<?>> events;
    private final Map<String, Object> held = new HashMap<>();
    private final Queue<Runnable> atEnd = new ArrayDeque<>();

    private BatchWork(List<? extends EventMessage<?>> events) {
        this.events = events;
    }

    /** The unit being handled on this thread, or null outside a processor's unit of work. */
    public static BatchWork current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(KEY, key -> {
            BatchWork work = new BatchWork(eventsOf(batch));
            batch.onPrepareCommit(unitOfWork -> HandlerError.asException(work::end));
            return work;
        });
    }

    /**
     * Handles one event of the current batch as a unit of its own: what it holds back is done before this returns, so
     * a failure belongs to this event alone.
     */
    public static <T> T alone(EventMessage<?> event, Supplier<T> handling) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        BatchWork work = new BatchWork(List.of(event));
        Object outer = batch.resources().put(KEY, work);
        try {
            T result = handling.get();
            work.end();
            return result;
        } finally {
            if (outer == null) {
                batch.resources().remove(KEY);
            } else {
                batch.resources().put(KEY, outer);
            }
        }
    }

    /** The events of this unit. */
    public List<? extends EventMessage<?>> events() {
        return events;
    }

    /** What a projection holds back under {@code name}, created (and told when to end) on first use. */
    @SuppressWarnings("unchecked")
    public <T> T held(String name, Supplier<T> create) {
        return (T) held.computeIfAbsent(name, key -> create.get());
    }

    /** Runs when the unit ends, after what was asked for before it (and before what is asked for later). */
    public void atEnd(Runnable task) {
        atEnd.add(task);
    }

    private void end() {
        for (Runnable task = atEnd.poll(); task != null; task = atEnd.poll()) {
            task.run();
        }
    }

    /** The events a processor's unit of work handles: its batch's, or its one event's. */
    @SuppressWarnings("unchecked")
    public static List<? extends EventMessage<?>> eventsOf(UnitOfWork<?> batch) {
        if (batch instanceof BatchingUnitOfWork<?> batching) {
            return (List<? extends EventMessage<?>>) batching.getMessages();
        }
        return List.of((EventMessage<?>) batch.getMessage());
    }
}
