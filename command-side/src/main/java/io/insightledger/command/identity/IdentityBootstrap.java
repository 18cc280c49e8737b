package io.insightledger.command.identity;

import io.insightledger.events.EventMetadata;
import io.insightledger.platform.identity.ApiTokens;
import io.insightledger.platform.identity.IdentityProperties;
import io.insightledger.platform.identity.UserAccounts;
import io.insightledger.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The first ADMIN. An installation without any enabled ADMIN creates the configured one at start-up (its password
 * from {@code INSIGHT_ADMIN_PASSWORD}); one that has an ADMIN leaves every user alone. Refuses to start with no
 * ADMIN and no password: nobody could ever manage it. A configured token (the standalone's demo token) is registered
 * for that user once.
 */
@Component
class IdentityBootstrap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final UserAccounts users;
    private final ApiTokens tokens;
    private final PasswordEncoder passwords;
    private final IdentityProperties.Bootstrap bootstrap;

    IdentityBootstrap(UserAccounts users, ApiTokens tokens, PasswordEncoder passwords, IdentityProperties properties) {
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.bootstrap = properties.bootstrap();
    }

    @Override
    public void afterPropertiesSet() {
        if (!users.anyAdmin()) {
            if (blank(bootstrap.name()) || blank(bootstrap.password())) {
                throw new IllegalStateException("This installation has no ADMIN yet. Set INSIGHT_ADMIN_PASSWORD "
                        + "(and optionally INSIGHT_ADMIN_NAME, default admin) for the first start: it creates that "
                        + "ADMIN, who then manages every other user.");
            }
            // an ADMIN of the installation, and of default: where everything lives until other workspaces exist
            if (users.create(bootstrap.name(), Role.ADMIN, null, null, passwords.encode(bootstrap.password()),
                    Map.of(EventMetadata.DEFAULT_WORKSPACE, Role.ADMIN)) != UserAccounts.Creation.CREATED) {
                throw new IllegalStateException("This installation has no enabled ADMIN, and a user named "
                        + bootstrap.name() + " exists already (disabled, or not an ADMIN); set INSIGHT_ADMIN_NAME to "
                        + "a new name for the first start");
            }
            log.info("Created the first ADMIN, {}", bootstrap.name());
        }
        if (!blank(bootstrap.token()) && users.find(bootstrap.name()).isPresent()) {
            tokens.registerIfAbsent(bootstrap.name(), "configured token", bootstrap.token(),
                            Instant.now().plus(3650, ChronoUnit.DAYS))
                    .ifPresent(issued -> log.info("Registered the configured API token of {}", bootstrap.name()));
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
