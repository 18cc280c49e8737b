package io.insightledger.web.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The company's OpenID Connect issuer and this application's client there; unset, people sign in with a password. */
@ConfigurationProperties("insight.web.oidc")
public record OidcSettings(String issuerUri, String clientId, String clientSecret) {
}
