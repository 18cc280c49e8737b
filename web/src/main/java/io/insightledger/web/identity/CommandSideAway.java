package io.insightledger.web.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClientException;

/** Sign-in and the session's user both need the command side: when it does not answer, the page is told so. */
@RestControllerAdvice(assignableTypes = {PasswordSignIn.class, SessionController.class})
class CommandSideAway {

    private static final Logger log = LoggerFactory.getLogger(CommandSideAway.class);

    @ExceptionHandler({AuthenticationServiceException.class, RestClientException.class})
    ProblemDetail unavailable(Exception e) {
        log.warn("The command side did not answer: {}", String.valueOf(e.getCause() == null ? e : e.getCause()));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "The command side did not answer; try again in a moment.");
        problem.setTitle("API unavailable");
        return problem;
    }
}
