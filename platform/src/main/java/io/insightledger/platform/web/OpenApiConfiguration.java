package io.insightledger.platform.web;

import io.insightledger.platform.security.Role;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The OpenAPI description at {@code /v3/api-docs}, browsable at {@code /swagger-ui.html}: the manual of the API for
 * dashboards and services. Each operation states the role it needs and every error it answers, as a {@code Problem}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Bean
    OpenAPI insightLedgerApi(@Value("${spring.application.name}") String application) {
        return new OpenAPI()
                .info(new Info().title("Insight Ledger " + application).version("1")
                        .description("""
                                Customer meetings and the hypotheses they test, as an immutable stream of events.
                                Every operation names the least role it needs (VIEWER, CONTRIBUTOR, DECIDER, ADMIN, \
                                each including the ones before); `x-required-role` says the same for tools. Errors are \
                                RFC 9457 problems (`application/problem+json`) that name the rule broken and, for bad \
                                input, each field.""")
                        .contact(new Contact().name("Insight Ledger").url("https://insight-ledger.io"))
                        // no licence has been granted: the description says so rather than invent one
                        .license(new License().name("Proprietary, all rights reserved")
                                .identifier("LicenseRef-Proprietary")))
                // relative: the API is wherever its description was fetched from (a port, a proxy, the standalone)
                .servers(List.of(new Server().url("/")
                        .description("This API, on the host and port this description was read from")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("""
                                        An API token (`il_` followed by 43 characters) made with `POST /api/tokens` \
                                        on the command side, or, where `INSIGHT_OIDC_ISSUER_URI` is set, a JWT access \
                                        token from that issuer. The web app signs people in with a session cookie \
                                        instead and calls the APIs for them."""))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OperationCustomizer requiredRoleDocumentation() {
        return new RequiredRoleDocumentation();
    }

    @Bean
    OperationCustomizer problemAnswersDocumentation() {
        return new ProblemAnswersDocumentation();
    }

    /** RFC 9457, with the members this system adds. */
    private static Schema<Object> problemSchema() {
        return object("An RFC 9457 problem: what went wrong, for programs (type, rule) and for people (title, detail)")
                .addProperty("type", text("What kind of problem: a URI that names it; about:blank for plain HTTP errors")
                        .format("uri"))
                .addProperty("title", text("A short summary of the kind of problem"))
                .addProperty("status", typed("integer", "The HTTP status code").format("int32"))
                .addProperty("detail", text("What went wrong this time, for people"))
                .addProperty("instance", text("The path of the request that had the problem").format("uri-reference"))
                .addProperty("rule", text("The name of the rule the request broke, as found in the code and the docs"))
                .addProperty("field", text("The request field the problem is about, when it is about one"))
                .addProperty("requiredRole", text("The least role the operation needs (403 RoleRequired)")
                        ._enum(Arrays.stream(Role.values()).<Object>map(Role::name).toList()))
                .addProperty("errors", typed("array", "Each field that broke a rule (400)").items(
                        object("A field that broke a rule")
                                .addProperty("field", text("The field's JSON path, such as attendees[2].name, or a "
                                        + "parameter's or header's name"))
                                .addProperty("rule", text("The rule's name, such as NotBlank, Size, Format or "
                                        + "StorableText"))
                                .addProperty("message", text("What the rule asks for, for people"))))
                .addProperty("currentVersion", typed("integer", "The version it is at now (412 StaleVersion)")
                        .format("int64"))
                .addProperty("limit", typed("integer", "The limit the request went over (413, 503 TooManyStreams)"))
                // RFC 9457 lets a problem type add members of its own; a client ignores those it does not know
                .additionalProperties(true)
                .required(List.of("type", "title", "status"));
    }

    private static Schema<Object> object(String description) {
        return typed("object", description);
    }

    private static Schema<Object> text(String description) {
        return typed("string", description);
    }

    /** Both spellings of the type: OpenAPI 3.1 writes {@code types}, 3.0 {@code type}. */
    private static Schema<Object> typed(String type, String description) {
        return new Schema<>().type(type).types(Set.of(type)).description(description);
    }
}
