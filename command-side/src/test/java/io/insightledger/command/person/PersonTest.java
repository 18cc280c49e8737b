package io.insightledger.command.person;

import io.insightledger.command.system.Members;
import io.insightledger.command.system.Violates;
import io.insightledger.events.EventMetadata;
import io.insightledger.events.Sealed;
import io.insightledger.events.person.PersonErasedEvent;
import io.insightledger.platform.privacy.KeysInMemory;
import io.insightledger.platform.privacy.PersonalData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class PersonTest {

    private static final String KIM = "0b1e4f7a-3c2d-4e5f-8a9b-0c1d2e3f4a5b";

    private final PersonalData personal = KeysInMemory.personalData();
    private final PersonLookup people = mock(PersonLookup.class);
    private AggregateTestFixture<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(personal);
        fixture.registerInjectableResource(people);
        Members.actAsMemberByDefault(fixture);
    }

    @Test
    void erasingAPersonDeletesTheirKeyAndRecordsItWithoutPersonalData() {
        when(people.find(KIM)).thenReturn(Optional.of(
                new PersonLookup.KnownPerson(KIM, "payments", Instant.EPOCH, null)));
        Sealed name = personal.seal(PersonalData.personKey(KIM), "Kim Laine");

        fixture.givenNoPriorActivity()
                .when(new ErasePersonCommand(KIM, "data subject's request"))
                .expectEvents(new PersonErasedEvent(KIM, "data subject's request"));
        assertThat(fixture.getEventStore().readEvents(KIM).asStream().findFirst().orElseThrow().getMetaData())
                .containsEntry(EventMetadata.WORKSPACE, "payments");

        assertThat(personal.open(name)).isEmpty();
    }

    @Test
    void erasingAgainChangesNothing() {
        fixture.given(new PersonErasedEvent(KIM, "data subject's request"))
                .when(new ErasePersonCommand(KIM, "again"))
                .expectNoEvents();
    }

    @Test
    void NotFound_forAPersonNoMeetingNamed() {
        fixture.givenNoPriorActivity()
                .when(new ErasePersonCommand(KIM, "data subject's request"))
                .expectNoEvents()
                .expectException(Violates.rule("NotFound"));
    }
}
