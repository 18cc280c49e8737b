package io.insightledger.command.history;

import io.insightledger.events.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Carries a request's checked effective time into its command, from which its events inherit it. */
class EffectiveTimeMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> EffectiveTimeHeader.ofCurrentRequest()
                .<CommandMessage<?>>map(effective -> command.andMetaData(
                        Map.of(EventMetadata.HAPPENED_AT, effective.toString())))
                .orElse(command);
    }
}
