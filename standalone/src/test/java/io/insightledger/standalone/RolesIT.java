package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.standalone.ApiOperations.Answer;
import io.insightledger.standalone.ApiOperations.Operation;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every operation of both APIs, as their OpenAPI descriptions list them (so a new endpoint is covered the day it is
 * added), called by a user of each role and without a credential: a role below the operation's
 * {@code x-required-role} gets 403 naming it, a role at or above it gets through, nobody gets 401.
 *
 * <p>On the shared system: path ids are fresh, so the calls that get through find nothing (404) or are refused by
 * validation ({@code {}} as the body). The two operations without ids that change something, rebuilding every
 * projection and reconciling, leave nothing different behind; this class waits for both to end before it hands the
 * system on.
 */
class RolesIT {

    @RegisterExtension
    static final RunningSystem running = RunningSystem.shared();

    private static final List<String> ROLES = List.of("VIEWER", "CONTRIBUTOR", "DECIDER", "ADMIN");
    private static final String PROBLEM_JSON = "application/problem+json";
    /** Every request of this class comes from here: a bug that answered 401 would block no other test. */
    private static final String ADDRESS = Identity.address();

    private static final Map<String, String> tokens = new LinkedHashMap<>();
    private static final List<Operation> operations = new ArrayList<>();

    /** A user of each role with a READ_WRITE token (a token, not a session: DELETE /api/auth/sessions/current). */
    @BeforeAll
    static void usersAndDescriptions() {
        Identity identity = new Identity(running);
        for (String role : ROLES) {
            Identity.User user = identity.user("roles-" + role.toLowerCase(), role);
            tokens.put(role, identity.token(identity.signIn(user), "READ_WRITE").secret());
        }
        operations.addAll(ApiOperations.of(running));
    }

    /** Rebuilding and reconciling run on after their 202: the next class gets a system at rest. */
    @AfterAll
    static void settled() {
        Api queries = running.queries();
        Api commands = running.commands();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                queries.get("/api/admin/projections").body().path("items").findValuesAsText("state").stream()
                        .noneMatch("REBUILDING"::equals)
                        && !commands.get("/api/admin/reconciliation").body().path("state").asText()
                        .equals("RUNNING"));
    }

    @Test
    void theDescriptionsListEveryOperationAndOnlySigningInIsOpen() {
        // fewer would mean the descriptions lost operations, and the checks below would prove little
        assertThat(operations).hasSizeGreaterThanOrEqualTo(30);
        assertThat(operations).extracting(Operation::baseUrl).contains(running.system().commandUrl(),
                running.system().queryUrl());
        assertThat(operations.stream().filter(operation -> operation.requiredRole().isEmpty())
                .map(operation -> operation.method() + " " + operation.path()))
                .as("operations that declare no role (open to anyone)")
                .containsExactly("post /api/auth/sessions");
    }

    @Test
    void everyOperationDocumentsItsRoleAndItsRefusals() {
        SoftAssertions softly = new SoftAssertions();
        for (Operation operation : operations) {
            operation.requiredRole().ifPresent(role -> {
                softly.assertThat(role).as(operation + " x-required-role").isIn(ROLES);
                softly.assertThat(operation.description().path("description").asText())
                        .as(operation + " description").contains(role);
                softly.assertThat(operation.description().path("responses").has("401"))
                        .as(operation + " documents 401").isTrue();
                softly.assertThat(operation.description().path("responses").has("403"))
                        .as(operation + " documents 403").isTrue();
            });
        }
        softly.assertAll();
    }

    @Test
    void aRoleBelowTheRequiredOneIsRefusedWithItsNameAndARoleAtOrAboveGetsThrough() {
        SoftAssertions softly = new SoftAssertions();
        int refused = 0;
        int through = 0;
        for (Operation operation : operations) {
            String required = operation.requiredRole().orElse(ROLES.get(0));
            for (String role : ROLES) {
                Answer answer = call(operation, tokens.get(role));
                String as = operation + " as " + role + " (needs " + required + "): " + answer.status() + " "
                        + answer.body();
                if (ROLES.indexOf(role) < ROLES.indexOf(required)) {
                    refused++;
                    softly.assertThat(answer.status()).as(as).isEqualTo(403);
                    softly.assertThat(answer.contentType()).as(as).startsWith(PROBLEM_JSON);
                    softly.assertThat(answer.body().path("title").asText()).as(as).isEqualTo("RoleRequired");
                    softly.assertThat(answer.body().path("requiredRole").asText()).as(as).isEqualTo(required);
                } else {
                    through++;
                    softly.assertThat(answer.status()).as(as).isNotIn(401, 403);
                    // its own answer to an id that does not exist or a body that is not valid; a 500 is a bug, and
                    // a 503 only what a read says while the rebuild this test started runs
                    softly.assertThat(answer.status() < 500
                            || (answer.status() == 503 && answer.header("Retry-After") != null)).as(as).isTrue();
                }
            }
        }
        System.out.printf("RolesIT: %d operations, %d calls refused for their role, %d let through%n",
                operations.size(), refused, through);
        assertThat(refused).as("calls a role was too low for").isPositive();
        softly.assertAll();
    }

    @Test
    void withoutACredentialEveryOperationButSigningInAnswers401() {
        SoftAssertions softly = new SoftAssertions();
        for (Operation operation : operations) {
            Answer answer = call(operation, null);
            String as = operation + " without a credential: " + answer.status() + " " + answer.body();
            if (operation.requiredRole().isEmpty()) {
                softly.assertThat(answer.status()).as(as).isNotIn(401, 403);
                continue;
            }
            softly.assertThat(answer.status()).as(as).isEqualTo(401);
            softly.assertThat(answer.contentType()).as(as).startsWith(PROBLEM_JSON);
            softly.assertThat(answer.header("WWW-Authenticate")).as(as).startsWith("Bearer")
                    .doesNotContain("Basic");
        }
        softly.assertAll();
    }

    /** The operation with fresh ids in its path, its required query parameters filled, and {@code {}} as its body. */
    private static Answer call(Operation operation, String token) {
        Map<String, String> query = new LinkedHashMap<>();
        for (JsonNode parameter : operation.parameters()) {
            if (parameter.path("in").asText().equals("query") && parameter.path("required").asBoolean()) {
                query.put(parameter.path("name").asText(), valueFor(parameter.path("schema")));
            }
        }
        return ApiOperations.call(operation, token, ADDRESS, parameter -> valueFor(parameter.path("schema")), query,
                operation.description().has("requestBody") ? "{}" : null);
    }

    /** A value of the parameter's type that names nothing in the system. */
    private static String valueFor(JsonNode schema) {
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        if (schema.has("enum")) {
            return schema.path("enum").get(0).asText();
        }
        if (type.equals("integer") || type.equals("number")) {
            return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 1_000_000_000_000L));
        }
        if (type.equals("boolean")) {
            return "false";
        }
        if (format.equals("date-time")) {
            return Instant.now().minusSeconds(60).toString();
        }
        // UUID-like, and a valid user name (lower case, digits, dashes) for the paths that take one
        return "roles-" + UUID.randomUUID();
    }
}
