package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A data directory written by the release before workspaces (a demo history: 60 meetings, 13 hypotheses; see
 * {@code upgrade/before-workspaces/README.md}) upgrades by starting this version on it: the migrations run, the
 * projections rebuild from the topic, everything in it belongs to {@code default}, every user of it is a member there
 * with their role, and every answer that release gave is still given (with the new fields beside the old ones). Its
 * personal data, written in clear, is then sealed offline ({@code seal-history}): every answer is still the same, no
 * name is in clear in the store or on the topic any more, and a person of that history can be erased.
 */
class UpgradeIT {

    private static final String FIXTURE = "/upgrade/before-workspaces/";

    @TempDir
    Path home;

    @Test
    void aDataDirectoryFromBeforeWorkspacesStartsWithEverythingInDefaultAndTheSameAnswers() throws IOException {
        Path data = home.resolve("data");
        unpack(FIXTURE + "data.tar.xz", data);
        JsonNode before = Api.JSON.readTree(UpgradeIT.class.getResourceAsStream(FIXTURE + "answers.json"));
        StandaloneJar standalone = StandaloneJar.on(data);
        try (JavaProcess upgraded = standalone.start(home.resolve("upgraded.log"))) {
            Api queries = standalone.queries();
            // the projections' schema changed: they rebuild from the topic, where every event is still as written
            awaitRebuilt(queries);

            SoftAssertions softly = new SoftAssertions();
            assertAnswersAsBefore(before, queries, softly);
            for (String list : List.of("/api/meetings?size=100", "/api/hypotheses?size=100",
                    "/api/decisions?size=100")) {
                softly.assertThat(queries.get(list).body().path("items").findValuesAsText("workspace"))
                        .as(list + ": every item in default").isNotEmpty().containsOnly("default");
            }
            JsonNode me = standalone.commands().get("/api/me").body();
            softly.assertThat(me.path("workspaces").path("default").asText())
                    .as("the installation's ADMIN acts in default as before").isEqualTo("ADMIN");
            // events are never edited: the stored ones still lack the workspace, which readers add on reading
            softly.assertThat(standalone.eventStore().metadata("demo16-m1")).isNotEmpty()
                    .allSatisfy(metadata -> assertThat(metadata).doesNotContain("workspace"));
            // their personal data is in clear, and out of reach of an erasure
            softly.assertThat(String.join("\n", storedText(standalone))).contains(attendeeNames(before));
            Identity.assertProblem(standalone.commands().post("/api/meetings/demo16-m1/redaction",
                    Map.of("reason", "request")), 409, "RedactionNeedsSealedText", null);
            softly.assertAll();
            upgraded.stop();
        }

        // the offline upgrade path: seal the history, then start again on the sealed store
        try (JavaProcess sealing = standalone.launch(home.resolve("sealing.log"), "seal-history")) {
            assertThat(sealing.exitCode(Duration.ofSeconds(120))).as(Files.readString(home.resolve("sealing.log")))
                    .isZero();
        }
        assertThat(Files.readString(home.resolve("sealing.log"))).contains("Sealed ", "_before_sealing_");
        try (JavaProcess sealed = standalone.start(home.resolve("sealed.log"))) {
            Api queries = standalone.queries();
            awaitRebuilt(queries);
            SoftAssertions softly = new SoftAssertions();
            assertAnswersAsBefore(before, queries, softly);
            softly.assertAll();
            List<String> names = attendeeNames(before);
            assertThat(names).hasSizeGreaterThanOrEqualTo(10);
            assertThat(String.join("\n", storedText(standalone))).doesNotContain(names);
            for (var record : TopicReader.readAll("127.0.0.1:" + standalone.kafkaPort())) {
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(names);
            }
            // a person of the old history now has an id, and can be erased
            JsonNode attendee = queries.get("/api/meetings/demo16-m1").body().path("attendees").get(0);
            Api.Response erased = standalone.commands().post("/api/people/" + attendee.path("person").asText()
                    + "/erasure", Map.of("reason", "Request 2026-118"));
            assertThat(erased.status()).as(erased.raw().body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(queries.get(
                    "/api/meetings/demo16-m1").body().path("attendees").get(0).path("name").asText())
                    .isEqualTo("Erased person"));
            assertThat(queries.get("/api/meetings?size=100").body().toString())
                    .doesNotContain(attendee.path("name").asText());
        }
    }

    private static void awaitRebuilt(Api queries) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                queries.get("/api/meetings?size=100").body().path("totalItems").asInt() == 60
                        && queries.get("/api/hypotheses?size=100").body().path("totalItems").asInt() == 13
                        && queries.get("/api/admin/projections").body().path("items").findValuesAsText("state")
                        .stream().noneMatch("REBUILDING"::equals));
    }

    /** Every answer that release gave, path by path, is still given. */
    private static void assertAnswersAsBefore(JsonNode before, Api queries, SoftAssertions softly) {
        Iterator<Map.Entry<String, JsonNode>> answers = before.fields();
        int compared = 0;
        while (answers.hasNext()) {
            Map.Entry<String, JsonNode> answer = answers.next();
            Api.Response now = queries.get(answer.getKey());
            softly.assertThat(now.status()).as(answer.getKey()).isEqualTo(200);
            List<String> differences = new ArrayList<>();
            compare(answer.getKey(), answer.getValue(), now.body(), differences);
            softly.assertThat(differences).as(answer.getKey() + " answers as before the upgrade").isEmpty();
            compared++;
        }
        assertThat(compared).isEqualTo(112);
    }

    /** The attendees' names the old release showed, but the short ones (Kim, Pat: inside other words too). */
    private static List<String> attendeeNames(JsonNode before) {
        List<String> names = new ArrayList<>();
        before.findValues("attendees").forEach(attendees -> attendees.findValuesAsText("name").stream()
                .filter(name -> name.length() >= 4 && !name.equals("Demo") && !names.contains(name))
                .forEach(names::add));
        return names;
    }

    private static List<String> storedText(StandaloneJar standalone) {
        return standalone.eventStore().storedBytes().stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    /** Every field the earlier answer had is there with the same value; fields added since are not compared. */
    private static void compare(String at, JsonNode before, JsonNode now, List<String> differences) {
        if (before.isObject()) {
            before.fields().forEachRemaining(field -> compare(at + "." + field.getKey(), field.getValue(),
                    now.path(field.getKey()), differences));
        } else if (before.isArray()) {
            if (!now.isArray() || now.size() != before.size()) {
                differences.add(at + ": " + before.size() + " elements before, now " + now);
                return;
            }
            for (int i = 0; i < before.size(); i++) {
                compare(at + "[" + i + "]", before.get(i), now.get(i), differences);
            }
        } else if (!before.equals(now)) {
            differences.add(at + ": " + before + " before, now " + now);
        }
    }

    private static void unpack(String resource, Path target) {
        try (InputStream packed = UpgradeIT.class.getResourceAsStream(resource);
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(packed))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IllegalStateException(entry.getName() + " lies outside the data directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file);
                }
            }
            // PostgreSQL refuses a data directory others may read
            Files.setPosixFilePermissions(target.resolve("postgres"),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
