package io.insightledger.platform.identity;

import io.insightledger.platform.security.Role;

import java.time.Instant;

/** A person who may sign in. Their password hash stays in {@link UserAccounts}. */
public record UserAccount(String name, Role role, boolean enabled, String email, String subject, Instant createdAt) {
}
