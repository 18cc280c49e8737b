package io.insightledger.standalone;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A company's identity provider for the single sign-on tests: a real Spring Authorization Server (OpenID Connect,
 * authorization code with PKCE, client credentials) in the test JVM, on a port of its own, with an RSA key of its own
 * made at each start. Its people sign in with a form; some of them get a roles claim, the others leave the role to
 * the product.
 */
final class CompanyIdentityProvider implements AutoCloseable {

    /** The claim the APIs are told to read the role from. */
    static final String ROLES_CLAIM = "insight_roles";
    /** The web app's registration: the name the web-bff branch gives it, in its callback path. */
    static final String WEB_APP = "insight-web";
    static final String WEB_APP_SECRET = "web app secret";
    static final String WEB_APP_REGISTRATION = "company";
    /** A service calling the APIs with client credentials; its tokens say ADMIN. */
    static final String REPORTING_JOB = "reporting-job";
    /**
     * A service whose tokens come out already expired (issued ten minutes ago, expired five minutes ago): the APIs
     * allow 60 seconds of clock skew, so a token that merely lived a second would need a test waiting over a minute.
     */
    static final String EXPIRED_JOB = "expired-job";

    /** Each client's own: the in-memory repository refuses two clients with one secret. */
    static String secretOf(String clientId) {
        return clientId + " secret";
    }
    static final String PASSWORD = "company password";

    /** Someone the company's directory knows: their e-mail, and the roles claim their tokens carry (if any). */
    record Person(String username, String email, String preferredUsername, List<String> roles) {
    }

    static final Person ALICE = new Person("alice", "alice@example.com", "alice", List.of("DECIDER"));
    static final Person DAVE = new Person("dave", "dave@example.com", "dave", List.of("admin"));
    /** Known to the product as "robert", by this e-mail: no roles claim, so the product's role counts. */
    static final Person BOB = new Person("bob", "bob@example.com", "bob", List.of());
    /** New to the product: no roles claim, so the default role. */
    static final Person CAROL = new Person("carol", "carol@example.com", "carol", List.of());
    /** Their name is taken in the product by a different person, who signs in with a password and has no e-mail. */
    static final Person ERIN = new Person("erin", "erin@example.com", "erin", List.of());
    /** New to the product, and staying a VIEWER. */
    static final Person GINA = new Person("gina", "gina@example.com", "gina", List.of());
    /** Writes a product user's e-mail into her own profile, which the provider has not verified. */
    static final Person MALLORY = new Person("mallory", "victor@example.com", "mallory", List.of());
    static final Set<Person> UNVERIFIED = Set.of(MALLORY);
    static final List<Person> PEOPLE = List.of(ALICE, DAVE, BOB, CAROL, ERIN, GINA, MALLORY);

    private final ConfigurableApplicationContext context;
    private final String issuer;

    private CompanyIdentityProvider(ConfigurableApplicationContext context, String issuer) {
        this.context = context;
        this.issuer = issuer;
    }

    /**
     * @param port         where it listens, on 127.0.0.1
     * @param issuer       what its tokens say in {@code iss}: its own address, or another's (an impostor)
     * @param webAppUrl    the web app's address, for its registered callback
     */
    static CompanyIdentityProvider start(int port, String issuer, String webAppUrl) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Server.class)
                // no application.yml of the system's applications, which share this classpath
                .properties("spring.config.name=company-identity-provider", "spring.main.banner-mode=off",
                        "logging.include-application-name=false", "server.address=127.0.0.1",
                        "server.port=" + port, "company.issuer=" + issuer,
                        "company.web-app-callback=" + webAppUrl + "/login/oauth2/code/" + WEB_APP_REGISTRATION,
                        // the web app runs on the same host: cookies do not tell ports apart
                        "server.servlet.session.cookie.name=COMPANY_IDP_SESSION")
                .registerShutdownHook(false).run();
        return new CompanyIdentityProvider(context, issuer);
    }

    static CompanyIdentityProvider start(int port, String webAppUrl) {
        return start(port, "http://127.0.0.1:" + port, webAppUrl);
    }

    String issuer() {
        return issuer;
    }

    /** Where it really answers, which an impostor's {@link #issuer()} does not say. */
    String url() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Override
    public void close() {
        context.close();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableWebSecurity
    // the web server alone: the test classpath also holds the system's JDBC, Flyway, Axon and Kafka
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, JacksonAutoConfiguration.class,
            HttpMessageConvertersAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class})
    static class Server {

        @Bean
        @Order(1)
        SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            return http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    // a browser that is not signed in yet is sent to the form
                    .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    .build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signInForm(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService directory() {
            return new InMemoryUserDetailsManager(PEOPLE.stream().map(person -> User.withUsername(person.username())
                    .password("{noop}" + PASSWORD).roles("EMPLOYEE").build()).toList());
        }

        @Bean
        RegisteredClientRepository clients(@Value("${company.web-app-callback}") String webAppCallback) {
            RegisteredClient webApp = RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(WEB_APP).clientSecret("{noop}" + WEB_APP_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(webAppCallback)
                    .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                    // a company's own app: no consent page; PKCE even though it has a secret
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false)
                            .requireProofKey(true).build())
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(5)).build())
                    .build();
            return new InMemoryRegisteredClientRepository(webApp, service(REPORTING_JOB), service(EXPIRED_JOB));
        }

        private static RegisteredClient service(String clientId) {
            return RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(clientId).clientSecret("{noop}" + secretOf(clientId))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("ledger")
                    .build();
        }

        /** What the directory says about the signed-in person, in the tokens the web app and the APIs read. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> directoryClaims() {
            Map<String, List<String>> serviceRoles = Map.of(REPORTING_JOB, List.of("ADMIN"),
                    EXPIRED_JOB, List.of("ADMIN"));
            return context -> {
                String principal = context.getPrincipal().getName();
                Optional<Person> person = PEOPLE.stream().filter(p -> p.username().equals(principal)).findFirst();
                person.ifPresent(p -> context.getClaims().claim("email", p.email())
                        .claim("email_verified", !UNVERIFIED.contains(p))
                        .claim("preferred_username", p.preferredUsername()));
                if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    return;
                }
                List<String> roles = person.map(Person::roles).orElseGet(() -> serviceRoles.getOrDefault(principal,
                        List.of()));
                if (!roles.isEmpty()) {
                    context.getClaims().claim(ROLES_CLAIM, roles);
                }
                if (EXPIRED_JOB.equals(context.getRegisteredClient().getClientId())) {
                    Instant now = Instant.now();
                    context.getClaims().issuedAt(now.minus(Duration.ofMinutes(10)))
                            .notBefore(now.minus(Duration.ofMinutes(10))).expiresAt(now.minus(Duration.ofMinutes(5)));
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> signingKey() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** For the userinfo endpoint, which reads the access token it is called with. */
        @Bean
        JwtDecoder accessTokens(JWKSource<SecurityContext> signingKey) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKey);
        }

        @Bean
        AuthorizationServerSettings settings(@Value("${company.issuer}") String issuer) {
            return AuthorizationServerSettings.builder().issuer(issuer).build();
        }
    }
}
