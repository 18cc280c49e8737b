package io.insightledger.web.identity;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

import java.io.Serial;

/** A name and password, checked by the command side, which answers with a session token for this browser. */
@Component
@Conditional(SignInMode.Password.class)
class CommandSideSignIn implements AuthenticationProvider {

    private final CommandSide commandSide;

    CommandSideSignIn(CommandSide commandSide) {
        this.commandSide = commandSide;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String browserAddress = ((WebAuthenticationDetails) attempt.getDetails()).getRemoteAddress();
        try {
            CommandSide.OpenedSession session = commandSide.openSession(attempt.getName(),
                    String.valueOf(attempt.getCredentials()), browserAddress);
            return new SignedInUser(session.user(), session.token());
        } catch (HttpClientErrorException.Unauthorized | HttpClientErrorException.BadRequest e) {
            throw new BadCredentialsException("Wrong name or password.");
        } catch (HttpClientErrorException.TooManyRequests e) {
            throw new Throttled(e.getResponseHeaders() == null ? null
                    : e.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        } catch (RestClientException e) {
            throw new AuthenticationServiceException("The command side did not answer the sign-in.", e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Too many attempts from this address or for this name: the command side says when to try again. */
    static final class Throttled extends AuthenticationException {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String retryAfter;

        Throttled(String retryAfter) {
            super("Too many sign-in attempts; try again later.");
            this.retryAfter = retryAfter;
        }

        String retryAfter() {
            return retryAfter;
        }
    }
}
