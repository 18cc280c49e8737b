package io.insightledger.platform.identity;

import io.insightledger.platform.security.Role;

import java.time.Instant;
import java.util.UUID;

/**
 * A change to who may do what. Each is stored once, with its actor and time, and never changed: the history an
 * auditor reads. None holds a secret. A web session's token is not recorded here (sign-ins are not changes of power).
 */
public sealed interface IdentityEvent {

    /** The user the change concerns; null for a change to a workspace itself. */
    String user();

    /** The workspace the change concerns; null for a change to a user alone. */
    default String workspace() {
        return null;
    }

    record UserCreated(String user, Role role, String email, String subject) implements IdentityEvent {
    }

    record RoleChanged(String user, Role from, Role to) implements IdentityEvent {
    }

    record UserDisabled(String user) implements IdentityEvent {
    }

    record UserEnabled(String user) implements IdentityEvent {
    }

    record PasswordReset(String user) implements IdentityEvent {
    }

    /** The user's account at the company's identity provider (its subject) was linked by their verified e-mail. */
    record CompanyAccountLinked(String user, String subject) implements IdentityEvent {
    }

    record TokenCreated(String user, UUID token, String name, TokenScope scope, Instant expiresAt)
            implements IdentityEvent {
    }

    record TokenRevoked(String user, UUID token) implements IdentityEvent {
    }

    record WorkspaceCreated(String workspace, String name, String description) implements IdentityEvent {

        @Override
        public String user() {
            return null;
        }
    }

    record WorkspaceRevised(String workspace, String name, String description) implements IdentityEvent {

        @Override
        public String user() {
            return null;
        }
    }

    /** @param months null: the installation's default again */
    record WorkspaceRetentionSet(String workspace, Integer months) implements IdentityEvent {

        @Override
        public String user() {
            return null;
        }
    }

    record MemberAdded(String user, String workspace, Role role) implements IdentityEvent {
    }

    record MemberRoleChanged(String user, String workspace, Role from, Role to) implements IdentityEvent {
    }

    record MemberRemoved(String user, String workspace) implements IdentityEvent {
    }

    /** One event as it was recorded. */
    record Recorded(long sequence, String type, int revision, IdentityEvent event, String actor, Instant occurredAt,
                    String correlationId) {
    }
}
