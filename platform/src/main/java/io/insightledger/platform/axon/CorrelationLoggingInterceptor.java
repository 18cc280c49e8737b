package io.insightledger.platform.axon;

import io.insightledger.events.EventMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/** Puts the correlation id of the event being handled into the logging context, as the web filter does for requests. */
public class CorrelationLoggingInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object correlationId = unitOfWork.getMessage().getMetaData().get(EventMetadata.CORRELATION_ID);
        String previous = MDC.get(EventMetadata.CORRELATION_ID);
        if (correlationId != null) {
            MDC.put(EventMetadata.CORRELATION_ID, correlationId.toString());
        }
        try {
            return chain.proceed();
        } finally {
            if (previous == null) {
                MDC.remove(EventMetadata.CORRELATION_ID);
            } else {
                MDC.put(EventMetadata.CORRELATION_ID, previous);
            }
        }
    }
}
