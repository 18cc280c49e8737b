package io.insightledger.web.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** What the APIs see for each kind of caller. */
class ApiCredentialsTest {

    private final OAuth2AuthorizedClientManager companyAccounts = mock(OAuth2AuthorizedClientManager.class);
    private final ApiCredentials credentials = new ApiCredentials(providing(companyAccounts));
    private final MockHttpServletRequest request = new MockHttpServletRequest();
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aPasswordSessionSendsItsSessionTokenInsteadOfAnythingTheBrowserSent() {
        request.addHeader("Authorization", "Basic YWRhOnJpZ2h0");
        SecurityContextHolder.getContext().setAuthentication(
                new SignedInUser(new CommandSide.User("ada", "DECIDER"), "il_session"));

        assertThat(credentials.authorization(request, response)).hasValue("Bearer il_session");
    }

    @Test
    void aCompanyAccountSendsItsAccessTokenAsTheManagerKeepsItFresh() {
        ClientRegistration company = ClientRegistration.withRegistrationId(CompanyAccounts.REGISTRATION)
                .clientId("insight-web").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").authorizationUri("https://issuer/authorize")
                .tokenUri("https://issuer/token").build();
        OAuth2AccessToken fresh = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "eyJ.fresh",
                Instant.now(), Instant.now().plusSeconds(300));
        when(companyAccounts.authorize(any())).thenReturn(new OAuth2AuthorizedClient(company, "ada", fresh));
        SecurityContextHolder.getContext().setAuthentication(new OAuth2AuthenticationToken(
                new DefaultOAuth2User(AuthorityUtils.NO_AUTHORITIES, Map.of("sub", "ada"), "sub"),
                AuthorityUtils.NO_AUTHORITIES, CompanyAccounts.REGISTRATION));

        assertThat(credentials.authorization(request, response)).hasValue("Bearer eyJ.fresh");
        ArgumentCaptor<OAuth2AuthorizeRequest> asked = ArgumentCaptor.forClass(OAuth2AuthorizeRequest.class);
        verify(companyAccounts).authorize(asked.capture());
        assertThat(asked.getValue().getClientRegistrationId()).isEqualTo(CompanyAccounts.REGISTRATION);
        assertThat(asked.getValue().<HttpServletRequest>getAttribute(HttpServletRequest.class.getName()))
                .as("a refreshed token is saved in this request's session").isSameAs(request);
    }

    @Test
    void withoutASessionOnlyTheCallersOwnBearerTokenPasses() {
        assertThat(credentials.authorization(request, response)).isEmpty();
        request.addHeader("Authorization", "Basic YWRhOnJpZ2h0");
        assertThat(credentials.authorization(request, response)).isEmpty();

        MockHttpServletRequest script = new MockHttpServletRequest();
        script.addHeader("Authorization", "Bearer il_script");
        assertThat(credentials.authorization(script, response)).hasValue("Bearer il_script");
    }

    @SuppressWarnings("unchecked")
    private static ObjectProvider<OAuth2AuthorizedClientManager> providing(OAuth2AuthorizedClientManager manager) {
        ObjectProvider<OAuth2AuthorizedClientManager> provider = mock(ObjectProvider.class);
        when(provider.getObject()).thenReturn(manager);
        return provider;
    }
}
