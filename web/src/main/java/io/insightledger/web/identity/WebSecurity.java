package io.insightledger.web.identity;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.List;

/**
 * Two kinds of caller. A browser signs in to this application and holds only a session cookie; every state-changing
 * request it makes needs the CSRF token from its session. A script or dashboard sends its own API token as
 * {@code Authorization: Bearer}: that request passes to the APIs as it came, without session or CSRF token, and the
 * APIs check the token. Nothing here ever asks for HTTP Basic.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class WebSecurity {

    static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");

    // pages run only the scripts this application serves: nothing injected into a meeting's notes can run; the charts
    // set inline styles on the elements they draw, hence 'unsafe-inline' for styles only
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain ownTokens(HttpSecurity http) throws Exception {
        RequestMatcher carriesBearer = request -> ApiCredentials.isBearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        return http.securityMatcher(new AndRequestMatcher(API, carriesBearer))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .headers(WebSecurity::headers)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain browserSessions(HttpSecurity http, CsrfTokenRepository csrfTokens, Problems problems,
                                        ObjectProvider<ClientRegistrationRepository> companyAccounts,
                                        @Value("${server.servlet.session.cookie.name}") String sessionCookie)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(API).authenticated().anyRequest().permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .exceptionHandling(refusals -> refusals.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // a refused API call is not replayed after sign-in: the page knows where it was
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                // the web session ends here; TokenRevocation revokes its token as any ending session's
                .logout(signOut -> signOut.logoutUrl("/auth/sign-out").deleteCookies(sessionCookie)
                        .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                .headers(WebSecurity::headers);
        ClientRegistrationRepository registrations = companyAccounts.getIfAvailable();
        if (registrations != null) {
            CompanyAccounts.signIn(http, registrations);
        }
        return http.build();
    }

    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(policy -> policy.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }

    /** Kept in the session, never in a cookie: page scripts can read no cookie of this application. */
    @Bean
    CsrfTokenRepository csrfTokens() {
        return new HttpSessionCsrfTokenRepository();
    }

    /** On sign-in: a new session id against session fixation, and a new CSRF token for it. */
    @Bean
    SessionAuthenticationStrategy newSession(CsrfTokenRepository csrfTokens) {
        return new CompositeSessionAuthenticationStrategy(List.of(new ChangeSessionIdAuthenticationStrategy(),
                new CsrfAuthenticationStrategy(csrfTokens)));
    }

    /** Tells the application when a session ends, expired or signed out, so that TokenRevocation hears of it. */
    @Bean
    HttpSessionEventPublisher sessionEvents() {
        return new HttpSessionEventPublisher();
    }
}
