package io.insightledger.query.system;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.springframework.stereotype.Component;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;

/** Lets a projection's event handler take an {@link EventContext} parameter. */
@Component
class EventContextResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<EventContext> createInstance(Executable executable, Parameter[] parameters, int index) {
        if (!EventContext.class.equals(parameters[index].getType())) {
            return null;
        }
        return new ParameterResolver<>() {
            @Override
            public EventContext resolveParameterValue(Message<?> message) {
                return EventContext.of((EventMessage<?>) message);
            }

            @Override
            public boolean matches(Message<?> message) {
                return message instanceof EventMessage<?>;
            }
        };
    }
}
