package io.insightledger.web.identity;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * How people sign in: with a name and password that the command side checks, or, once an OpenID Connect issuer is
 * configured, with their company account at that issuer (the password form is then gone).
 */
public enum SignInMode {
    PASSWORD("/auth/sign-in"),
    SSO("/oauth2/authorization/" + CompanyAccounts.REGISTRATION);

    private final String signInUrl;

    SignInMode(String signInUrl) {
        this.signInUrl = signInUrl;
    }

    /** Where the page signs in: it posts a name and password there, or sends the browser there. */
    public String signInUrl() {
        return signInUrl;
    }

    static SignInMode of(Environment environment) {
        return StringUtils.hasText(environment.getProperty("insight.web.oidc.issuer-uri")) ? SSO : PASSWORD;
    }

    static final class Password implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) == PASSWORD;
        }
    }

    static final class Sso implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(context.getEnvironment()) == SSO;
        }
    }
}
