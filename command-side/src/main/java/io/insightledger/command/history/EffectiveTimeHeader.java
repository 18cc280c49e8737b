package io.insightledger.command.history;

import io.insightledger.command.system.RuleViolationException;
import io.insightledger.platform.web.InvalidInputException;
import io.insightledger.platform.web.Storable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads and checks the {@value ImportedHistory#HEADER} header before a command is built from the request. */
class EffectiveTimeHeader implements HandlerInterceptor {

    private static final String ATTRIBUTE = EffectiveTimeHeader.class.getName();

    private final ImportedHistory importedHistory;
    private final Clock clock;

    EffectiveTimeHeader(ImportedHistory importedHistory, Clock clock) {
        this.importedHistory = importedHistory;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(ImportedHistory.HEADER);
        if (header == null) {
            return true;
        }
        if (!importedHistory.enabled()) {
            throw RuleViolationException.forbidden("ImportModeOff",
                    "History can be imported only where import mode is on (insight.import.enabled)")
                    .concerning(ImportedHistory.HEADER);
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || user.getAuthorities().stream().noneMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()))) {
            throw RuleViolationException.forbidden("ImportNeedsAdmin", "Only an ADMIN may import history")
                    .concerning(ImportedHistory.HEADER);
        }
        Instant effective;
        try {
            effective = Instant.parse(header);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(ImportedHistory.HEADER, "Format",
                    "'" + header + "' is not an instant such as 2025-03-02T10:00:00Z");
        }
        if (effective.isBefore(Storable.EARLIEST)) {
            throw new InvalidInputException(ImportedHistory.HEADER, Storable.EARLIEST_RULE, Storable.EARLIEST_MESSAGE);
        }
        if (effective.isAfter(clock.instant())) {
            throw new InvalidInputException(ImportedHistory.HEADER, "NotInFuture",
                    "imported history cannot have happened after now");
        }
        request.setAttribute(ATTRIBUTE, effective);
        return true;
    }

    /** The effective time of the request being handled on this thread, if it gave one. */
    static Optional<Instant> ofCurrentRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return Optional.ofNullable(request == null ? null
                : (Instant) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }
}
