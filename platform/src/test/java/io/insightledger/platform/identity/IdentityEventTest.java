package io.insightledger.platform.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.platform.security.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The workspace events are stored as JSON; the V2 migration wrote the first ones by hand, in the same shape. */
class IdentityEventTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theMigrationsPayloadsReadAsTheEventsAndTheEventsWriteAsThem() throws Exception {
        String created = """
                {"workspace": "default", "name": "Default",
                 "description": "Everything recorded before workspaces existed"}""";
        String added = """
                {"user": "demo", "workspace": "default", "role": "ADMIN"}""";

        IdentityEvent.WorkspaceCreated workspace = json.readValue(created, IdentityEvent.WorkspaceCreated.class);
        IdentityEvent.MemberAdded member = json.readValue(added, IdentityEvent.MemberAdded.class);

        assertThat(workspace).isEqualTo(new IdentityEvent.WorkspaceCreated("default", "Default",
                "Everything recorded before workspaces existed"));
        assertThat(member).isEqualTo(new IdentityEvent.MemberAdded("demo", "default", Role.ADMIN));
        assertThat(json.readTree(json.writeValueAsString(workspace))).isEqualTo(json.readTree(created));
        assertThat(json.readTree(json.writeValueAsString(member))).isEqualTo(json.readTree(added));
    }

    @Test
    void aWorkspaceEventConcernsNoUserAndAUserEventNoWorkspace() throws Exception {
        IdentityEvent revised = new IdentityEvent.WorkspaceRevised("growth", "Growth", "");
        IdentityEvent created = new IdentityEvent.UserCreated("kim", Role.VIEWER, null, null);
        IdentityEvent changed = new IdentityEvent.MemberRoleChanged("kim", "growth", Role.VIEWER, Role.DECIDER);

        assertThat(revised.user()).isNull();
        assertThat(revised.workspace()).isEqualTo("growth");
        assertThat(created.workspace()).isNull();
        assertThat(changed.user()).isEqualTo("kim");
        assertThat(changed.workspace()).isEqualTo("growth");
        // neither accessor leaks into the payload as an extra field
        assertThat(json.readTree(json.writeValueAsString(created)).has("workspace")).isFalse();
        assertThat(json.readTree(json.writeValueAsString(revised)).has("user")).isFalse();
        assertThat(json.readTree(json.writeValueAsString(changed)).fieldNames()).toIterable()
                .containsExactly("user", "workspace", "from", "to");
    }
}
