package io.insightledger.standalone;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so docker-compose.yml is checked against what the applications actually read: every
 * variable it sets is one they use, ports and topic agree, and each image is built from the jar the build makes.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");

    private final Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));

    @Test
    void runsPostgresKafkaAndTheApplicationsWithHealthChecks() {
        assertThat(services().keySet()).containsExactlyInAnyOrder("postgres", "kafka", "command-side", "query-side",
                "web");
        services().forEach((name, service) -> assertThat(map(service)).as(name).containsKey("healthcheck"));
        assertThat(map(services().get("kafka")).get("image").toString()).startsWith("apache/kafka:");
        assertThat(environment("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
    }

    @Test
    void onlyTheWebAppIsPublishedAndTheRestSitsOnAnInternalNetwork() {
        services().forEach((name, service) -> {
            assertThat(map(service).containsKey("ports")).as(name + " publishes a port").isEqualTo("web".equals(name));
            assertThat(list(map(service).get("networks"))).as(name).contains("backend");
        });
        assertThat(map(map(compose.get("networks")).get("backend"))).containsEntry("internal", true);
        assertThat(list(map(services().get("postgres")).get("networks"))).containsExactly("backend");
        assertThat(list(map(services().get("kafka")).get("networks"))).containsExactly("backend");
    }

    @Test
    void thereIsNoBuiltInPasswordAndTheFirstStartAsksForOne() throws IOException {
        assertThat(Files.readString(ROOT.resolve("docker-compose.yml"))).doesNotContainIgnoringCase("bcrypt")
                .doesNotContain("INSIGHT_SECURITY_USERS");
        assertThat(environment("command-side")).containsEntry("INSIGHT_ADMIN_PASSWORD", "${INSIGHT_ADMIN_PASSWORD:-}");
        // both APIs read who may do what from the same identity database, which PostgreSQL creates on first start
        String identity = environment("command-side").get("INSIGHT_IDENTITY_DB_URL");
        assertThat(environment("query-side")).containsEntry("INSIGHT_IDENTITY_DB_URL", identity);
        assertThat(Files.readString(ROOT.resolve("docker/postgres-init.sql")))
                .contains("CREATE DATABASE " + identity.replaceAll(".*/", ""));
    }

    @Test
    void commandSideSettingsMatchItsConfiguration() throws IOException {
        checkBackend("command-side", "INSIGHT_COMMAND_PORT", 8080);
        assertThat(environment("command-side").get("INSIGHT_EVENTSTORE_DB_URL"))
                .endsWith("/" + environment("postgres").get("POSTGRES_DB"));
    }

    @Test
    void querySideSettingsMatchItsConfiguration() throws IOException {
        checkBackend("query-side", "INSIGHT_QUERY_PORT", 8081);
        String database = environment("query-side").get("INSIGHT_PROJECTION_DB_URL").replaceAll(".*/", "");
        assertThat(Files.readString(ROOT.resolve("docker/postgres-init.sql"))).contains("CREATE DATABASE " + database);
    }

    @Test
    void theWebAppPassesCallsToBothApplications() throws IOException {
        checkApplication("web", "INSIGHT_WEB_PORT", 8082);
        assertThat(list(map(services().get("web")).get("ports"))).containsExactly("8082:8082");
        assertThat(environment("web")).containsEntry("INSIGHT_COMMAND_SIDE_URL", "http://command-side:8080")
                .containsEntry("INSIGHT_QUERY_SIDE_URL", "http://query-side:8081");
    }

    private void checkBackend(String name, String portVariable, int defaultPort) throws IOException {
        checkApplication(name, portVariable, defaultPort);
        Map<String, String> environment = environment(name);
        assertThat(environment.get("INSIGHT_KAFKA_TOPIC")).isEqualTo(placeholders(name).get("INSIGHT_KAFKA_TOPIC"))
                .isEqualTo(TopicReader.TOPIC);
        assertThat(environment.get("INSIGHT_KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo("kafka:" + environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").replaceAll(".*:", ""));
    }

    private void checkApplication(String name, String portVariable, int defaultPort) throws IOException {
        Map<String, String> placeholders = placeholders(name);
        Map<String, String> environment = environment(name);
        Set<String> unknown = new HashSet<>(environment.keySet());
        unknown.removeAll(placeholders.keySet());
        assertThat(unknown).as("variables " + name + " never reads").isEmpty();

        assertThat(placeholders.get(portVariable)).isEqualTo(Integer.toString(defaultPort));
        assertThat(environment.get(portVariable)).isEqualTo(Integer.toString(defaultPort));

        String dockerfile = Files.readString(ROOT.resolve(name).resolve("Dockerfile"));
        assertThat(dockerfile).contains("EXPOSE " + defaultPort)
                .containsPattern("COPY target/" + name + "-[^ ]+-exec\\.jar");
        assertThat(map(services().get(name)).get("build")).isEqualTo("./" + name);
    }

    /** {@code ${VARIABLE:default}} in the application's own configuration and the shared one it imports. */
    private static Map<String, String> placeholders(String application) throws IOException {
        Map<String, String> found = new HashMap<>();
        for (Path file : List.of(ROOT.resolve(application + "/src/main/resources/" + application + ".yml"),
                ROOT.resolve("platform/src/main/resources/insight-platform.yml"))) {
            Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
            while (matcher.find()) {
                found.put(matcher.group(1), matcher.group(2));
            }
        }
        return found;
    }

    private Map<String, Object> services() {
        return map(compose.get("services"));
    }

    private Map<String, String> environment(String service) {
        Map<String, String> environment = new HashMap<>();
        map(map(services().get(service)).get("environment")).forEach((key, value) -> {
            if ("<<".equals(key)) {
                map(value).forEach((k, v) -> environment.put(k, String.valueOf(v)));
            } else {
                environment.put(key, String.valueOf(value));
            }
        });
        return environment;
    }

    private static Map<String, Object> yaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
