package io.insightledger.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role an API operation needs in the workspace of what it reads or changes: the caller's role as a member
 * there, not their own role. At the door ({@link RoleCheck}) a caller needs the role in at least one workspace; the
 * operation itself then holds them to it in the workspace concerned, and answers 404 for a workspace they are no
 * member of, exactly as for something that does not exist. The OpenAPI description states it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface WorkspaceRoleRequired {
    Role value();
}
