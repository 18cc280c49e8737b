package io.insightledger.command.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.insightledger.command.system.RuleViolationException;
import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.identity.IdentityEvent;
import io.insightledger.platform.identity.IdentityHistory;
import io.insightledger.platform.identity.UserAccounts;
import io.insightledger.platform.identity.Workspaces;
import io.insightledger.platform.identity.Workspaces.Member;
import io.insightledger.platform.identity.Workspaces.Workspace;
import io.insightledger.platform.security.Role;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;

/**
 * The rules of managing workspaces and their members; each rule's name is the problem type clients see. A member's
 * new role reaches their tokens as a role change does: when the token is next looked up, within the re-check time.
 */
@Service
class WorkspaceAdministration {

    private final Workspaces workspaces;
    private final UserAccounts users;
    private final IdentityHistory history;

    WorkspaceAdministration(Workspaces workspaces, UserAccounts users, IdentityHistory history) {
        this.workspaces = workspaces;
        this.users = users;
        this.history = history;
    }

    /** A workspace of the directory, with the caller's role there; null (said, not left out) where no member. */
    record Listed(String id, String name, String description, @JsonInclude(JsonInclude.Include.ALWAYS) Role role) {
    }

    /**
     * The caller's workspaces, with their role in each. Others' stay unnamed, as everything in them: an ADMIN of the
     * installation, who manages them, sees every one (with no role where not a member).
     */
    List<Listed> directory(Caller caller) {
        boolean administers = caller.role().filter(role -> role == Role.ADMIN).isPresent();
        return workspaces.all().stream()
                .filter(workspace -> administers || caller.roleIn(workspace.id()).isPresent())
                .map(workspace -> new Listed(workspace.id(), workspace.name(), workspace.description(),
                        caller.roleIn(workspace.id()).orElse(null)))
                .toList();
    }

    Workspace create(WorkspaceRequests.CreateWorkspaceRequest request) {
        if (workspaces.create(request.id(), request.name().strip(), description(request.description()))
                == Workspaces.Creation.ID_TAKEN) {
            throw RuleViolationException.conflict("WorkspaceIdTaken", "A workspace with the id " + request.id()
                    + " exists").concerning("id");
        }
        return existing(request.id());
    }

    Workspace revise(String id, WorkspaceRequests.ReviseWorkspaceRequest request) {
        if (!workspaces.revise(id, request.name().strip(), description(request.description()))) {
            throw noWorkspace(id);
        }
        return existing(id);
    }

    Workspace setRetention(String id, WorkspaceRequests.RetentionRequest request) {
        if (!workspaces.setRetention(id, request.months())) {
            throw noWorkspace(id);
        }
        return existing(id);
    }

    List<Member> members(String id) {
        existing(id);
        return workspaces.members(id);
    }

    /** Adds the user, or gives them the role if they are a member already; the same role again changes nothing. */
    Member putMember(String id, String user, Role role) {
        existing(id);
        existingUser(user);
        workspaces.addMember(user, id, role);
        return workspaces.member(id, user).orElseThrow();
    }

    /** Removing a user who is no member changes nothing, and is no error: they are not a member afterwards. */
    void removeMember(String id, String user) {
        existing(id);
        existingUser(user);
        workspaces.removeMember(user, id);
    }

    List<IdentityEvent.Recorded> history(String id) {
        existing(id);
        return history.ofWorkspace(id);
    }

    List<IdentityHistory.MemberAsOf> membersAt(String id, Instant instant) {
        existing(id);
        return history.membersAt(id, instant);
    }

    private Workspace existing(String id) {
        return workspaces.find(id).orElseThrow(() -> noWorkspace(id));
    }

    private void existingUser(String name) {
        if (users.find(name).isEmpty()) {
            throw RuleViolationException.notFound("UserNotFound", "No user is named " + name);
        }
    }

    private static RuntimeException noWorkspace(String id) {
        return RuleViolationException.notFound("WorkspaceMustExist", "No workspace has the id " + id);
    }

    private static String description(String description) {
        return description == null ? "" : description.strip();
    }
}
