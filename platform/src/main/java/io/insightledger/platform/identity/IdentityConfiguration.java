package io.insightledger.platform.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.platform.security.SignInThrottle;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;

/** The identity database and what reads and changes it, shared by both APIs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityConfiguration {

    private final Clock clock = Clock.systemUTC();

    @Bean(destroyMethod = "close")
    IdentityDatabase identityDatabase(IdentityProperties properties,
                                      @Value("${spring.application.name}") String application) {
        return new IdentityDatabase(properties.database(), application);
    }

    @Bean
    IdentityHistory identityHistory(IdentityDatabase database, ObjectMapper json) {
        return new IdentityHistory(database, json, clock);
    }

    @Bean
    UserAccounts userAccounts(IdentityDatabase database, IdentityHistory history, Workspaces workspaces) {
        return new UserAccounts(database, history, workspaces);
    }

    @Bean
    Workspaces workspaces(IdentityDatabase database, IdentityHistory history) {
        return new Workspaces(database, history);
    }

    @Bean
    Memberships memberships(IdentityDatabase database) {
        return new Memberships(database);
    }

    @Bean
    ApiTokens apiTokens(IdentityDatabase database, IdentityHistory history, Memberships memberships) {
        return new ApiTokens(database, history, memberships, clock);
    }

    /** bcrypt (adaptive: its cost grows with hardware), with the algorithm named in each hash so it can change. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SignInThrottle signInThrottle(IdentityProperties properties, MeterRegistry meters) {
        return new SignInThrottle(properties.throttle(), clock, meters);
    }
}
