package io.insightledger.platform.security;

import io.insightledger.platform.identity.ApiTokens;
import io.insightledger.platform.identity.IdentityProperties;
import io.insightledger.platform.identity.Memberships;
import io.insightledger.platform.identity.UserAccounts;
import io.insightledger.platform.identity.Workspaces;
import io.insightledger.platform.web.CorrelationIdFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.actuate.metrics.MetricsEndpoint;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * The APIs are resource servers: every call carries {@code Authorization: Bearer} with an API token (or a web
 * session's token, which the web app relays) or, where a company identity provider is configured, its JWT. There is
 * no password on the APIs (the command side's sign-in endpoint aside), no HTTP Basic, no session and no cookie, hence
 * no CSRF token. What a caller may do is decided per operation by {@link RoleCheck}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProblems problems, SignInThrottle throttle,
                                    BearerTokens apiTokens, UserAccounts users, Workspaces workspaces,
                                    Memberships memberships, IdentityProperties identity, MeterRegistry meters)
            throws Exception {
        AuthenticationManager credentials = credentials(apiTokens, users, workspaces, memberships, identity);
        Counter badTokens = Counter.builder("insight.security.sign-in.failures").tag("credential", "token")
                .description("Requests whose token was unknown, expired, revoked or not valid").register(meters);
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.to(MetricsEndpoint.class, PrometheusScrapeEndpoint.class))
                        .hasAnyAuthority(Role.ADMIN.authority(), CallerAuthentication.METRICS_AUTHORITY)
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasAuthority(Role.ADMIN.authority())
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/auth/sessions").permitAll()
                        // roles are checked per operation (RoleCheck); here only that somebody is signed in
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .authenticationManagerResolver(request -> credentials)
                        .authenticationEntryPoint((request, response, e) -> {
                            boolean sentOne = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
                            if (sentOne) {
                                badTokens.increment();
                                throttle.failed(SignInThrottle.tokenAddress(request.getRemoteAddr()));
                                log.info("401 for {} {} from {}: {}", request.getMethod(), request.getRequestURI(),
                                        request.getRemoteAddr(), e.getMessage());
                            }
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, SecurityProblems.BEARER_CHALLENGE);
                            problems.write(request, response, SecurityProblems.unauthenticated(sentOne
                                    ? "The token is unknown, expired or revoked."
                                    : "Send an API token as 'Authorization: Bearer il_...' (make one with POST "
                                    + "/api/tokens, or in the web app under Tokens), or use the web app."));
                        })
                        .accessDeniedHandler((request, response, e) -> problems.write(request, response,
                                SecurityProblems.roleRequired(Role.ADMIN,
                                        "This needs the role ADMIN, or a token with the scope METRICS."))))
                .addFilterBefore(new BlockedAddresses(throttle, problems), BearerTokenAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** API tokens by their prefix; anything else is a JWT, when an identity provider is configured. */
    private static AuthenticationManager credentials(BearerTokens apiTokens, UserAccounts users, Workspaces workspaces,
                                                     Memberships memberships, IdentityProperties identity) {
        if (!identity.oidc().enabled()) {
            return apiTokens;
        }
        // resolved on first use: the APIs start while the identity provider is away
        String issuer = identity.oidc().issuerUri().toString();
        JwtAuthenticationProvider jwts = new JwtAuthenticationProvider(new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
            String audience = identity.oidc().audience();
            if (audience != null && !audience.isBlank()) {
                decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(
                        issuer), new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        named -> named != null && named.contains(audience))));
            }
            return decoder;
        }));
        jwts.setJwtAuthenticationConverter(new JwtCallers(users, workspaces, memberships, identity.oidc(),
                identity.tokenRecheck()));
        return authentication -> ((BearerTokenAuthenticationToken) authentication).getToken()
                .startsWith(ApiTokens.PREFIX) ? apiTokens.authenticate(authentication)
                : jwts.authenticate(authentication);
    }

    /** A bean, so that its lookup threads end with the application. */
    @Bean
    BearerTokens bearerTokens(ApiTokens tokens, IdentityProperties identity) {
        return new BearerTokens(tokens, identity.tokenRecheck());
    }

    @Bean
    WebMvcConfigurer roleCheck(MeterRegistry meters) {
        RoleCheck check = new RoleCheck(meters);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(check).order(Ordered.HIGHEST_PRECEDENCE);
            }
        };
    }

    /**
     * Spring Security's own observations wrap each of its filters in a span and a timer: profiled, about 7% of a
     * command's CPU. Requests are still timed once, as http.server.requests.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Ahead of security, so that a rejected login is logged with its correlation id too. */
    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
