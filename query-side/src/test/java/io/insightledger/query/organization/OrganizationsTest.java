package io.insightledger.query.organization;

import io.insightledger.query.organization.Organizations.Organization;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.ProjectionDatabase;
import io.insightledger.query.system.ReadScope;
import io.insightledger.query.system.TwoWorkspaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static io.insightledger.query.system.ProjectionDatabase.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/** Organisations are counted from the caller's workspaces' own meetings, and the evidence their hypotheses took. */
class OrganizationsTest {

    @RegisterExtension
    static final ProjectionDatabase database = new ProjectionDatabase();
    private static Organizations organizations;

    @BeforeAll
    static void project() {
        TwoWorkspaces.project(database.owner());
        organizations = new Organizations(JdbcClient.create(database.reads()));
    }

    @Test
    void aMeetingSharedWithTheCallerCountsForItsOwnWorkspaceNotTheirs() {
        signIn("a");

        List<Organization> listed = organizations.page(ReadScope.of(null), null, new PageRequest(0, 20)).items();

        assertThat(listed).extracting(Organization::name).containsExactly("Acme");
        assertThat(listed.get(0).workspaces()).containsExactly("a");
        assertThat(listed.get(0).meetings()).isEqualTo(1);
        // the citation came from b's hypothesis
        assertThat(listed.get(0).evidenceGiven()).isZero();
        assertThat(organizations.detail("Beta", ReadScope.of(null).array())).isEmpty();
    }

    @Test
    void aMemberOfBothSeesBothAndMayNarrowToOne() {
        signIn("a", "b");

        Organization acme = organizations.detail("Acme", ReadScope.of(null).array()).orElseThrow().organization();
        assertThat(acme.workspaces()).containsExactly("a", "b");
        assertThat(acme.meetings()).isEqualTo(2);
        assertThat(acme.evidenceGiven()).isEqualTo(1);
        assertThat(organizations.page(ReadScope.of("b"), null, new PageRequest(0, 20)).items())
                .extracting(Organization::name).containsExactlyInAnyOrder("Acme", "Beta");
        assertThat(organizations.detail("Acme", ReadScope.of("a").array()).orElseThrow().meetings())
                .extracting(Organizations.MeetingRef::workspace).containsExactly("a");
    }
}
