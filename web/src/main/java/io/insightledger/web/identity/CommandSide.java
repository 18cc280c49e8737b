package io.insightledger.web.identity;

import io.insightledger.web.system.Backends;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Optional;

/** The command side's identity endpoints (docs/identity.md), as the web application itself calls them. */
@Component
class CommandSide {

    record User(String name, String role) {
    }

    record OpenedSession(String token, Instant expiresAt, User user) {
    }

    private record Credentials(String name, String password) {
    }

    private final RestClient client;

    CommandSide(Backends backends) {
        // plain HTTP/1.1: an h2c upgrade buys nothing for one small call and not every server takes it with a body
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(backends.answerTimeout()).build());
        requests.setReadTimeout(backends.answerTimeout());
        this.client = RestClient.builder().baseUrl(backends.commandSideUrl().toString()).requestFactory(requests).build();
    }

    /** The browser's address goes along: the command side throttles sign-in attempts by it. */
    OpenedSession openSession(String name, String password, String browserAddress) {
        return client.post().uri("/api/auth/sessions").header("X-Forwarded-For", browserAddress)
                .contentType(MediaType.APPLICATION_JSON).body(new Credentials(name, password))
                .retrieve().body(OpenedSession.class);
    }

    /** Whom the credentials stand for now; empty once the command side no longer accepts them. */
    Optional<User> me(String authorization, String browserAddress) {
        try {
            return Optional.ofNullable(client.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, authorization)
                    .header("X-Forwarded-For", browserAddress).retrieve().body(User.class));
        } catch (HttpClientErrorException.Unauthorized e) {
            return Optional.empty();
        }
    }

    void closeSession(String sessionToken) {
        client.delete().uri("/api/auth/sessions/current").headers(headers -> headers.setBearerAuth(sessionToken))
                .retrieve().toBodilessEntity();
    }
}
