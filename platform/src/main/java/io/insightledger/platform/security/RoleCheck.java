package io.insightledger.platform.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Optional;

/**
 * Lets a request reach an API operation only if the caller's role includes the one the operation declares with
 * {@link RoleRequired}, or, for {@link WorkspaceRoleRequired}, if they have that role in at least one workspace (the
 * operation holds them to it in the workspace concerned). Runs before the body is read, so a caller without the role learns nothing from validation.
 * An operation of ours that declares no role fails for everybody: forgetting the annotation must not open it (and
 * {@code RoleRequiredEverywhereTest} finds it first).
 */
class RoleCheck implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RoleCheck.class);

    private static final String OURS = "io.insightledger.";

    private final MeterRegistry meters;

    RoleCheck(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // the framework's own handlers (errors, the API description) are guarded by the filter chain
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getName().startsWith(OURS)
                || method.hasMethodAnnotation(OpenToAnyone.class)) {
            return true;
        }
        Optional<Role> inWorkspace = RequiredRoles.inWorkspace(method);
        Object authentication = SecurityContextHolder.getContext().getAuthentication();
        if (inWorkspace.isPresent()) {
            Role required = inWorkspace.get();
            if (CallerAuthentication.callerOf(authentication).filter(caller -> caller.mayAnywhere(required)).isEmpty()) {
                throw refused(request, required, "in any workspace", RoleMissing.inNoWorkspace(required));
            }
            request.setAttribute(RequiredRoles.IN_WORKSPACE_ATTRIBUTE, required);
            return true;
        }
        Role required = RequiredRoles.ofCaller(method).orElseThrow(() -> new IllegalStateException(
                method + " declares no @RoleRequired (nor @WorkspaceRoleRequired); it is open to nobody"));
        Optional<Role> actual = CallerAuthentication.roleOf(authentication);
        if (actual.filter(role -> role.includes(required)).isEmpty()) {
            throw refused(request, required, "as " + actual.map(Role::name).orElse("no role"),
                    new RoleMissing(required, actual));
        }
        return true;
    }

    private RoleMissing refused(HttpServletRequest request, Role required, String actual, RoleMissing refusal) {
        meters.counter("insight.security.forbidden", "required", required.name()).increment();
        log.info("403 for {} {}: needs {}, caller acts {}", request.getMethod(), request.getRequestURI(), required,
                actual);
        return refusal;
    }
}
