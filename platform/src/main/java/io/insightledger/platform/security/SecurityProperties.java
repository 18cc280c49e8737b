package io.insightledger.platform.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.ArrayList;
import java.util.List;

/**
 * The people who may use the APIs, from configuration ({@code insight.security.users[i].name/password/roles}, or
 * {@code INSIGHT_SECURITY_USERS_0_NAME}, ... in the environment). There is no built-in user: a deployment with none
 * configured lets nobody in.
 */
@Validated
@ConfigurationProperties("insight.security")
public class SecurityProperties {

    @Valid
    private List<User> users = new ArrayList<>();

    public List<User> getUsers() {
        return users;
    }

    public void setUsers(List<User> users) {
        this.users = users;
    }

    /**
     * @param password a hash with its algorithm, e.g. {@code {bcrypt}$2a$10$...}; a clear-text or {@code {noop}}
     *                 password is refused at start-up
     * @param roles    e.g. {@code USER}, {@code ADMIN}
     */
    public record User(
            @NotBlank String name,
            @NotBlank
            @Pattern(regexp = "\\{(bcrypt|scrypt|argon2@SpringSecurity_v5_8|pbkdf2@SpringSecurity_v5_8|pbkdf2|argon2)}.+",
                    message = "must be a password hash prefixed with its algorithm, such as {bcrypt}...")
            String password,
            List<String> roles) {

        public List<String> rolesOrDefault() {
            return roles == null || roles.isEmpty() ? List.of("USER") : roles;
        }
    }
}
