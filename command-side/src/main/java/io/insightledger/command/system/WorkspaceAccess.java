package io.insightledger.command.system;

import io.insightledger.events.EventMetadata;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleMissing;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MetaData;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the caller of a command may do in each workspace, and the role the command needs there. It travels with the
 * command (its metadata, never an event's) to the aggregate, which alone knows the workspace it belongs to.
 *
 * @param workspaces the caller's workspaces, each with their role there
 * @param needed     the role the operation needs in the workspace concerned; {@code null} when the command did not
 *                   come through an API operation that declares one, and then it may do nothing
 */
public record WorkspaceAccess(Map<String, Role> workspaces, Role needed) {

    /** The command metadata key. */
    public static final String METADATA = "workspaceAccess";

    private static final WorkspaceAccess NONE = new WorkspaceAccess(Map.of(), null);

    public WorkspaceAccess {
        workspaces = Map.copyOf(workspaces);
    }

    /** The access a command carries; none if it carries none (fail closed). */
    public static WorkspaceAccess of(MetaData metaData) {
        return metaData.get(METADATA) instanceof WorkspaceAccess access ? access : NONE;
    }

    /** The metadata every event of an aggregate of that workspace carries. */
    public static MetaData eventMetaData(String workspace) {
        return MetaData.with(EventMetadata.WORKSPACE, workspace);
    }

    /** Whether the caller is a member there: for them, what is in other workspaces does not exist. */
    public boolean sees(String workspace) {
        return workspaces.containsKey(workspace);
    }

    /**
     * Holds a command on an existing meeting or hypothesis of {@code workspace} to it: see {@link #require}. A command
     * that would create it again (a retry) from someone who cannot see it learns only that its id is taken.
     *
     * @param creation its creating command's type
     * @param idTaken  the rule a creation under a taken id breaks
     */
    public static void holdTo(String workspace, Set<String> sharedWith, CommandMessage<?> command, String aggregateId,
                              Class<?> creation, String idTaken) {
        WorkspaceAccess access = of(command.getMetaData());
        if (creation.isInstance(command.getPayload()) && !access.sees(workspace)) {
            // the id space is shared; what is under the id stays unsaid
            throw RuleViolationException.conflict(idTaken, "This id is taken; choose another");
        }
        access.require(workspace, sharedWith, RuleViolationException.nothingRecordedUnder(aggregateId));
    }

    /** A new meeting or hypothesis is created only in a workspace where the caller has the needed role. */
    public void requireToCreateIn(String workspace) {
        require(workspace, Set.of(), RuleViolationException.notFound("WorkspaceNotFound",
                "You are no member of a workspace " + workspace).concerning("workspace"));
    }

    /**
     * Holds the caller to the needed role in the workspace. A workspace they are no member of (and that shares nothing
     * of this with any of theirs) answers {@code unseen}, the same as a record that does not exist, so that ids of
     * other teams do not leak; a member with too small a role is told the role.
     *
     * @param sharedWith the workspaces the record is shared with, read-only: their members see it but change nothing
     */
    public void require(String workspace, Set<String> sharedWith, RuleViolationException unseen) {
        Optional<Role> actual = Optional.ofNullable(workspaces.get(workspace));
        if (actual.isEmpty()) {
            if (sharedWith.stream().anyMatch(this::sees)) {
                throw RuleViolationException.forbidden("SharedMeetingIsReadOnly",
                        "This meeting belongs to workspace " + workspace + " and is shared with yours read-only");
            }
            throw unseen;
        }
        if (needed == null || !actual.get().includes(needed)) {
            throw RoleMissing.inWorkspace(needed == null ? Role.ADMIN : needed, workspace, actual.get());
        }
    }
}
