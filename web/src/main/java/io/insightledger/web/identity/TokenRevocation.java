package io.insightledger.web.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * A session token ends with its web session, whether the user signed out or the session expired: the command side
 * revokes it, so a token copied out of a forgotten session is worth nothing.
 */
@Component
class TokenRevocation {

    private static final Logger log = LoggerFactory.getLogger(TokenRevocation.class);

    private final CommandSide commandSide;

    TokenRevocation(CommandSide commandSide) {
        this.commandSide = commandSide;
    }

    @EventListener
    void sessionEnded(HttpSessionDestroyedEvent ended) {
        ended.getSecurityContexts().stream().map(SecurityContext::getAuthentication).forEach(this::revoke);
    }

    void revoke(Authentication user) {
        if (user instanceof SignedInUser signedIn) {
            try {
                commandSide.closeSession(signedIn.sessionToken());
            } catch (RestClientException e) {
                log.warn("Revoking the session token of {} failed; it stays valid until it expires: {}",
                        signedIn.getName(), e.toString());
            }
        }
    }
}
