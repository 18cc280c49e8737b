package io.insightledger.command.history;

import io.insightledger.command.system.RuleViolationException;
import io.insightledger.platform.web.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EffectiveTimeHeaderTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void importModeIsOffUnlessConfigured() {
        signIn("ROLE_ADMIN");
        assertThatThrownBy(() -> check(false, "2025-01-01T00:00:00Z"))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo("ImportModeOff");
                    assertThat(e.field()).isEqualTo("X-Effective-Time");
                    assertThat(e.status().value()).isEqualTo(403);
                });
    }

    @Test
    void onlyAnAdminImports() {
        signIn("ROLE_USER");
        assertThatThrownBy(() -> check(true, "2025-01-01T00:00:00Z"))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.rule()).isEqualTo("ImportNeedsAdmin"));
    }

    @Test
    void importedHistoryHappenedBeforeNow() {
        signIn("ROLE_ADMIN");
        assertThatThrownBy(() -> check(true, NOW.plusSeconds(1).toString()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems().get(0).rule()).isEqualTo("NotInFuture"));
        assertThat(check(true, NOW.toString())).isTrue();
    }

    /** Axon and Java parse "-5000-01-01T00:00:00Z"; PostgreSQL's timestamps do not reach that far back. */
    @Test
    void importedHistoryHappenedSince1900() {
        signIn("ROLE_ADMIN");
        assertThatThrownBy(() -> check(true, "-5000-01-01T00:00:00Z"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems().get(0).field()).isEqualTo("X-Effective-Time");
                    assertThat(e.problems().get(0).rule()).isEqualTo("NotBefore1900");
                });
        assertThat(check(true, "1900-01-01T00:00:00Z")).isTrue();
    }

    @Test
    void withoutTheHeaderNothingIsChecked() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/meetings");
        assertThat(new EffectiveTimeHeader(new ImportedHistory(false), CLOCK)
                .preHandle(request, new MockHttpServletResponse(), new Object())).isTrue();
    }

    private static boolean check(boolean importEnabled, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/meetings");
        request.addHeader(ImportedHistory.HEADER, header);
        return new EffectiveTimeHeader(new ImportedHistory(importEnabled), CLOCK)
                .preHandle(request, new MockHttpServletResponse(), new Object());
    }

    private static void signIn(String role) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("pat", "x", role));
    }
}
