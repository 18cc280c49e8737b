package io.insightledger.command.identity;

import io.insightledger.platform.identity.IdentityEvent;
import io.insightledger.platform.identity.IdentityHistory;
import io.insightledger.platform.identity.UserAccount;
import io.insightledger.platform.identity.UserAccounts;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** The users of this installation, managed by ADMINs; every change is kept in the user's history. */
@RestController
@RequestMapping("/api/admin/users")
@RoleRequired(Role.ADMIN)
class UserController {

    private final UserAdministration administration;
    private final UserAccounts users;
    private final IdentityHistory history;

    UserController(UserAdministration administration, UserAccounts users, IdentityHistory history) {
        this.administration = administration;
        this.users = users;
        this.history = history;
    }

    @GetMapping
    List<UserAccount> all() {
        return users.all();
    }

    /** Who held which role at an instant, and whether they could sign in then: "who could decide on 1 March?" */
    @GetMapping("/roles-at")
    List<IdentityHistory.UserAsOf> rolesAt(@RequestParam Instant instant) {
        return history.usersAt(instant);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserAccount create(@Valid @RequestBody IdentityRequests.CreateUserRequest request) {
        return administration.create(request);
    }

    @PutMapping("/{name}/role")
    UserAccount changeRole(@PathVariable String name, @Valid @RequestBody IdentityRequests.ChangeRoleRequest request) {
        return administration.changeRole(name, request.role());
    }

    @PostMapping("/{name}/disable")
    UserAccount disable(@PathVariable String name) {
        return administration.setEnabled(name, false);
    }

    @PostMapping("/{name}/enable")
    UserAccount enable(@PathVariable String name) {
        return administration.setEnabled(name, true);
    }

    @PostMapping("/{name}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@PathVariable String name, @Valid @RequestBody IdentityRequests.ResetPasswordRequest request) {
        administration.resetPassword(name, request.password());
    }

    @GetMapping("/{name}/history")
    List<IdentityEvent.Recorded> history(@PathVariable String name) {
        administration.existing(name);
        return history.of(name);
    }
}
