package io.insightledger.platform.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StorableInputTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final StorableInput input = new StorableInput(Clock.fixed(NOW, ZoneOffset.UTC));

    record Attendee(String name, String role) {
    }

    record Meeting(String title, Instant occurredAt, List<Attendee> attendees, List<String> tags, Object extra) {
    }

    @Test
    void textIsStorableWithoutNulAndWithPairedSurrogatesOnly() {
        assertThat(Storable.isStorable("plain, accentué, 中文")).isTrue();
        assertThat(Storable.isStorable("a face \uD83D\uDE00 in it")).isTrue();
        assertThat(Storable.isStorable("")).isTrue();
        assertThat(Storable.isStorable("nul \u0000 inside")).isFalse();
        assertThat(Storable.isStorable("lone high \uD800 here")).isFalse();
        assertThat(Storable.isStorable("ends high \uD800")).isFalse();
        assertThat(Storable.isStorable("lone low \uDC00 here")).isFalse();
        assertThat(Storable.isStorable("swapped \uDE00\uD83D")).isFalse();
    }

    @Test
    void diagnosticsAreMadeStorableByReplacingWhatIsNot() {
        assertThat(Storable.replacingUnstorable("a\u0000b\uD800c\uD83D\uDE00")).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
        assertThat(Storable.replacingUnstorable("fine")).isEqualTo("fine");
        assertThat(Storable.replacingUnstorable(null)).isNull();
    }

    @Test
    void everyNestedTextAndInstantIsCheckedAndNamedByItsPath() {
        Meeting meeting = new Meeting("nul \u0000", Instant.parse("-5000-01-01T00:00:00Z"),
                List.of(new Attendee("Kim", "Engineer"), new Attendee("Lee", "lone \uD800")),
                List.of("fine", "\u0000"), Map.of("k\u0000", "v"));

        assertThat(input.problems(meeting)).extracting("field", "rule").containsExactlyInAnyOrder(
                tuple("title", "StorableText"),
                tuple("occurredAt", "NotBefore1900"),
                tuple("attendees[1].role", "StorableText"),
                tuple("tags[1]", "StorableText"),
                tuple("extra.k\u0000", "StorableText"));
    }

    @Test
    void aBodyThatHappenedIsAtMostADayAhead() {
        assertThat(input.problems(new Meeting("t", NOW.plusSeconds(86_401), List.of(), List.of(), null)))
                .extracting("field", "rule").containsExactly(tuple("occurredAt", "NotFarInFuture"));
        assertThat(input.problems(new Meeting("t", NOW.plusSeconds(86_400), List.of(), List.of(), null))).isEmpty();
        assertThat(input.problems(new Meeting("t", Storable.EARLIEST, List.of(), List.of(), null))).isEmpty();
    }

    @Test
    void aQueryAsksAboutInstantsFrom1900ToTheEndOf9999() {
        assertThat(Storable.queried("asOf", Instant.parse("1899-12-31T23:59:59Z"))).get()
                .extracting("rule").isEqualTo("NotBefore1900");
        assertThat(Storable.queried("asOf", Instant.parse("+10000-01-01T00:00:00Z"))).get()
                .extracting("rule").isEqualTo("NotAfter9999");
        assertThat(Storable.queried("asOf", Instant.parse("2030-01-01T00:00:00Z"))).isEmpty();
    }
}
