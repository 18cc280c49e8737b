package io.insightledger.command.system;

import io.insightledger.events.EventMetadata;
import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.security.CallerAuthentication;
import io.insightledger.platform.security.RequiredRoles;
import io.insightledger.platform.security.Role;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Stamps each command with the authenticated principal and the request's correlation id, from which every event it
 * causes inherits them, and with what the caller may do in which workspace ({@link WorkspaceAccess}, for the aggregate
 * to check; not copied into events). Nothing the client sends in a body can set any of it.
 */
public class RequestMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !authentication.isAuthenticated()) {
                throw new IllegalStateException("Commands are sent on behalf of a signed-in user only");
            }
            String correlationId = MDC.get(EventMetadata.CORRELATION_ID);
            return command.andMetaData(Map.of(
                    EventMetadata.ACTOR, authentication.getName(),
                    EventMetadata.CORRELATION_ID, correlationId != null ? correlationId : UUID.randomUUID().toString(),
                    WorkspaceAccess.METADATA, access(authentication)));
        };
    }

    private static WorkspaceAccess access(Authentication authentication) {
        Role needed = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? (Role) request.getAttribute(RequiredRoles.IN_WORKSPACE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
                : null;
        return new WorkspaceAccess(CallerAuthentication.callerOf(authentication).map(Caller::workspaces)
                .orElse(Map.of()), needed);
    }
}
