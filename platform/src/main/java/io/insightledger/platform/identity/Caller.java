package io.insightledger.platform.identity;

import io.insightledger.platform.security.Role;

import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling, as their token or sign-in says.
 *
 * @param role  what they may do through this credential: their own role, capped by the token's scope; empty for a
 *              metrics token, which may use no API operation
 * @param token the API token used, if one was
 */
public record Caller(String name, Optional<Role> role, TokenScope scope, Optional<UUID> token) {
}
