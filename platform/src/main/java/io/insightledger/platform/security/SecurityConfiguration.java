package io.insightledger.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.platform.web.CorrelationIdFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;
import java.time.Duration;

/**
 * Every request is authenticated with HTTP Basic against the configured users, except the health and info endpoints
 * (health shows details only to a signed-in user). The APIs are stateless, so there is no session and no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper objectMapper,
                                    AuthenticationManager authenticationManager) throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(objectMapper);
        return http
                // named explicitly: left alone, Spring builds its own hashing provider and nothing is remembered
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        // the API's description is public; using the API is not
                        .requestMatchers("/error", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** A configured user's login is checked with its slow hash once, then remembered for a few minutes. */
    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder passwordEncoder,
                                                MeterRegistry meters) {
        DaoAuthenticationProvider hashed = new DaoAuthenticationProvider(users);
        hashed.setPasswordEncoder(passwordEncoder);
        Counter checks = Counter.builder("insight.security.password.checks")
                .description("Logins checked against their password hash (not remembered)")
                .register(meters);
        return new ProviderManager(new RememberedLogins(login -> {
            checks.increment();
            return hashed.authenticate(login);
        }, Duration.ofMinutes(5), Clock.systemUTC()));
    }

    /**
     * Spring Security's own observations wrap each of its filters in a span and a timer: profiled, about 7% of a
     * command's CPU. Requests are still timed once, as http.server.requests.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecurityProperties properties) {
        return new InMemoryUserDetailsManager(properties.getUsers().stream()
                .map(user -> User.withUsername(user.name())
                        .password(user.password())
                        .roles(user.rolesOrDefault().toArray(String[]::new))
                        .build())
                .toList());
    }

    /** Ahead of security, so that a rejected login is logged with its correlation id too. */
    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
