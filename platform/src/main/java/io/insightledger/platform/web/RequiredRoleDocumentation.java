package io.insightledger.platform.web;

import io.insightledger.platform.security.OpenToAnyone;
import io.insightledger.platform.security.RequiredRoles;
import io.insightledger.platform.security.Role;
import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

import java.util.List;
import java.util.Optional;

/**
 * Documents what {@link RoleRequired} demands from the annotation itself, so that the manual cannot drift from what is
 * enforced: a sentence in the description, {@code x-required-role} for tools, and the 401 and 403 answers every such
 * operation can give, written once here rather than in every controller.
 */
final class RequiredRoleDocumentation implements OperationCustomizer {

    static final String EXTENSION = "x-required-role";
    /** {@code workspace}: the role as a member of the workspace concerned; {@code installation}: the user's own. */
    static final String SCOPE_EXTENSION = "x-required-role-in";

    /** What {@code OpenToAnyone} operations say instead of a role. */
    static final String NO_ROLE = "NONE";

    private static final String UNAUTHORIZED = """
            {"type": "https://insight-ledger.io/problems/AuthenticationRequired", "title": "AuthenticationRequired",
             "status": 401, "detail": "The token is unknown, expired or revoked."}""";
    private static final String FORBIDDEN = """
            {"type": "https://insight-ledger.io/problems/RoleRequired", "title": "RoleRequired", "status": 403,
             "detail": "This needs the role %1$s or a role above it; you act as VIEWER.", "requiredRole": "%1$s"}""";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (handler.hasMethodAnnotation(OpenToAnyone.class)) {
            String statement = "No role needed: anyone may call this, without credentials.";
            operation.setDescription(operation.getDescription() == null ? statement
                    : operation.getDescription().strip() + "\n\n" + statement);
            operation.addExtension(EXTENSION, NO_ROLE);
            // the description's default security (a bearer token) does not apply
            operation.setSecurity(List.of());
            return operation;
        }
        Optional<Role> inWorkspace = RequiredRoles.inWorkspace(handler);
        Optional<Role> required = inWorkspace.or(() -> RequiredRoles.ofCaller(handler));
        if (required.isEmpty()) {
            // refused to everybody; the architecture tests of both APIs keep this from happening
            return operation;
        }
        Role role = required.get();
        String statement = inWorkspace.isPresent()
                ? "Required role: " + role + " (or any role above it) as a member of the workspace concerned. "
                + "Records of workspaces the caller is no member of answer 404, as if they did not exist."
                : "Required role: " + role + (role == Role.ADMIN ? " (the caller's own role, not a workspace's)."
                : " (or any role above it).");
        operation.setDescription(operation.getDescription() == null ? statement
                : operation.getDescription().strip() + "\n\n" + statement);
        operation.addExtension(EXTENSION, role.name());
        operation.addExtension(SCOPE_EXTENSION, inWorkspace.isPresent() ? "workspace" : "installation");
        ProblemAnswersDocumentation.addIfAbsent(operation.getResponses(), "401",
                ProblemAnswersDocumentation.problem("No credentials, or credentials that are wrong, expired or revoked",
                        UNAUTHORIZED));
        ProblemAnswersDocumentation.addIfAbsent(operation.getResponses(), "403",
                ProblemAnswersDocumentation.problem("Signed in without role " + role
                        + (role == Role.ADMIN ? "" : " or a role above it"), FORBIDDEN.formatted(role)));
        return operation;
    }
}
