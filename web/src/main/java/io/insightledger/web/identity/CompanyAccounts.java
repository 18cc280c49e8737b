package io.insightledger.web.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.SupplierClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * Signing in with a company account (SSO mode, when {@code insight.web.oidc.issuer-uri} is set): OpenID Connect,
 * authorization code with PKCE. The user's tokens live in their HttpSession; the access token is what the APIs see.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SignInMode.Sso.class)
class CompanyAccounts {

    static final String REGISTRATION = "company";

    /** Read from the issuer's discovery document at the first sign-in, not at start-up: the issuer may come later. */
    @Bean
    ClientRegistrationRepository companyAccountRegistration(OidcSettings oidc) {
        return new SupplierClientRegistrationRepository(() -> new InMemoryClientRegistrationRepository(
                ClientRegistrations.fromIssuerLocation(oidc.issuerUri()).registrationId(REGISTRATION)
                        .clientId(oidc.clientId()).clientSecret(oidc.clientSecret())
                        .scope("openid", "profile", "email").build()));
    }

    /** In the session rather than in memory by user name: they end with it, and two sessions never share them. */
    @Bean
    OAuth2AuthorizedClientRepository companyAccountTokens() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    @Bean
    OAuth2AuthorizedClientManager companyAccountTokenRefresh(ClientRegistrationRepository registrations,
                                                             OAuth2AuthorizedClientRepository tokens) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, tokens);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    static void signIn(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        // a login page of our own (the SPA's) keeps Spring from listing the registrations, i.e. from asking the
        // issuer at start-up; a failed sign-in returns to it with a hint
        http.oauth2Login(login -> login.loginPage("/").failureUrl("/#/login?error=sso")
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests)));
    }
}
