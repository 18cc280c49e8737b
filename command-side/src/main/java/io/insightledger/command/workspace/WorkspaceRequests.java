package io.insightledger.command.workspace;

import io.insightledger.platform.identity.Workspaces;
import io.insightledger.platform.security.Role;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the workspace endpoints. */
final class WorkspaceRequests {

    private WorkspaceRequests() {
    }

    /**
     * @param id          for ever: it is in every record of the workspace, in URLs and in Kafka headers
     * @param description optional: what the team works on
     */
    record CreateWorkspaceRequest(@NotBlank @Pattern(regexp = Workspaces.ID_RULE,
                                          message = Workspaces.ID_RULE_MESSAGE) String id,
                                  @NotBlank @Size(max = 100) String name,
                                  @Size(max = 1000) String description) {
    }

    record ReviseWorkspaceRequest(@NotBlank @Size(max = 100) String name,
                                  @Size(max = 1000) String description) {
    }

    /** @param months null: the installation's default */
    record RetentionRequest(@Min(1) @Max(1200) Integer months) {
    }

    record MembershipRequest(@NotNull Role role) {
    }
}
