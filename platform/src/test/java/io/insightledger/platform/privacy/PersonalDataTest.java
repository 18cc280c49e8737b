package io.insightledger.platform.privacy;

import io.insightledger.events.Sealed;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataTest {

    private final PersonalData personal = KeysInMemory.personalData();
    private final String kim = PersonalData.personKey("0b1e4f7a-3c2d-4e5f-8a9b-0c1d2e3f4a5b");

    @Test
    void sealedDataShowsNothingOfTheTextAndOpensWithItsKey() {
        Sealed sealed = personal.seal(kim, "Kim Laine");

        assertThat(sealed.key()).isEqualTo(kim);
        assertThat(new String(Base64.getDecoder().decode(sealed.data()), StandardCharsets.ISO_8859_1))
                .doesNotContain("Kim");
        assertThat(personal.open(sealed)).contains("Kim Laine");
    }

    /** A retried command seals to the same bytes, and compares equal to what it recorded the first time. */
    @Test
    void theSameTextUnderTheSameKeySealsTheSame() {
        assertThat(personal.seal(kim, "Kim Laine")).isEqualTo(personal.seal(kim, "Kim Laine"));
        assertThat(personal.seal(kim, "Kim Laine")).isNotEqualTo(personal.seal(kim, "Kim Laine "));
        assertThat(personal.seal(PersonalData.personKey("another"), "Kim Laine").data())
                .isNotEqualTo(personal.seal(kim, "Kim Laine").data());
    }

    @Test
    void afterTheKeyIsErasedNothingOpensAndNothingMoreIsSealed() {
        Sealed sealed = personal.seal(kim, "Kim Laine");

        assertThat(personal.erase(kim)).isTrue();

        assertThat(personal.open(sealed)).isEmpty();
        assertThatThrownBy(() -> personal.seal(kim, "Kim Laine")).isInstanceOf(KeyErasedException.class);
        assertThat(personal.erase(kim)).isFalse();
    }

    /** The key id is authenticated with the text: sealed data moved under another person's key does not open. */
    @Test
    void dataMovedUnderAnotherKeyIdDoesNotOpen() {
        String lee = PersonalData.personKey("lee");
        personal.seal(lee, "anything");
        Sealed moved = new Sealed(lee, personal.seal(kim, "Kim Laine").data());

        assertThatThrownBy(() -> personal.open(moved)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valuesWrittenBeforeSealingReadAsTheyWere() {
        assertThat(personal.open(Sealed.inClear("Kim"))).contains("Kim");
        assertThat(personal.open(null)).isEmpty();
    }

    /** A person named twice in a meeting is one person, and the id reveals nothing of the name. */
    @Test
    void derivedIdsAreStablePerKeyAndSayNothingOfTheName() {
        String meeting = PersonalData.meetingKey("m-1");

        assertThat(personal.idFor(meeting, "person:kim")).isEqualTo(personal.idFor(meeting, "person:kim"))
                .isNotEqualTo(personal.idFor(meeting, "person:lee"))
                .isNotEqualTo(personal.idFor(PersonalData.meetingKey("m-2"), "person:kim"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
