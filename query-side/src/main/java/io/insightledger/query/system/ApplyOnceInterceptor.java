package io.insightledger.query.system;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Lets an event through to a projection's handlers only the first time it arrives. It runs in the processor's
 * transaction, so the cursor, the projection's tables and the token commit or roll back together.
 */
class ApplyOnceInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String projection;
    private final ProjectionCursor cursor;

    ApplyOnceInterceptor(String projection, ProjectionCursor cursor) {
        this.projection = projection;
        this.cursor = cursor;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event && !cursor.advance(projection, event)) {
            return null;
        }
        return chain.proceed();
    }
}
