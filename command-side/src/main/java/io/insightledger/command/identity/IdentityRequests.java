package io.insightledger.command.identity;

import io.insightledger.platform.identity.TokenScope;
import io.insightledger.platform.identity.UserAccounts;
import io.insightledger.platform.security.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;

/** The bodies of the identity endpoints. */
final class IdentityRequests {

    private IdentityRequests() {
    }

    /** The name follows the rule of names, so that whatever is logged of a refused sign-in is a plain word. */
    record SignInRequest(@NotBlank @Pattern(regexp = UserAccounts.NAME_RULE) String name,
                         @NotBlank @Size(max = 128) String password) {
    }

    /**
     * @param workspaces the workspaces the user becomes a member of, each with a role; when not given, {@code default}
     *                   with {@code role} (before workspaces, a user's role applied to everything, which now lives
     *                   there); when given, even empty, exactly those
     */
    record CreateUserRequest(@NotBlank @Pattern(regexp = UserAccounts.NAME_RULE) String name,
                             @NotNull Role role,
                             @NotBlank String password,
                             @Email @Size(max = 254) String email,
                             Map<String, @NotNull Role> workspaces) {
    }

    record ChangeRoleRequest(@NotNull Role role) {
    }

    record ResetPasswordRequest(@NotBlank String password) {
    }

    /** @param expiresAt when the token stops working; at most a year ahead, 90 days when not given */
    record CreateTokenRequest(@NotBlank @Size(max = 100) String name,
                              @NotNull TokenScope scope,
                              @Future Instant expiresAt) {
    }
}
