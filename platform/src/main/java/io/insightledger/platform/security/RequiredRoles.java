package io.insightledger.platform.security;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import java.lang.annotation.Annotation;
import java.util.Optional;

/**
 * What an operation declares, read the same way by the check ({@link RoleCheck}) and by the API description: on the
 * method, or else on its controller; a method's own declaration of either kind replaces the controller's.
 */
public final class RequiredRoles {

    /**
     * The request attribute under which {@link RoleCheck} leaves the role an operation needs in its workspace, for the
     * operation to hold the caller to it in the workspace concerned (the command side passes it with each command).
     */
    public static final String IN_WORKSPACE_ATTRIBUTE = RequiredRoles.class.getName() + ".inWorkspace";

    private RequiredRoles() {
    }

    /** The role needed in the workspace concerned ({@link WorkspaceRoleRequired}), if that is what it declares. */
    public static Optional<Role> inWorkspace(HandlerMethod handler) {
        return declared(handler, WorkspaceRoleRequired.class).map(WorkspaceRoleRequired::value);
    }

    /** The caller's own role needed ({@link RoleRequired}), if that is what it declares. */
    public static Optional<Role> ofCaller(HandlerMethod handler) {
        return declared(handler, RoleRequired.class).map(RoleRequired::value);
    }

    private static <A extends Annotation> Optional<A> declared(HandlerMethod handler, Class<A> kind) {
        boolean methodDeclares = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), RoleRequired.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), WorkspaceRoleRequired.class);
        return Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(
                methodDeclares ? handler.getMethod() : handler.getBeanType(), kind));
    }
}
