package io.insightledger.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role an API operation needs. Every handler method of the APIs declares one (on the method, or on its
 * controller for all its methods); a caller without it gets 403 naming the role, and the OpenAPI description states
 * it. An operation without one is refused to everybody.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RoleRequired {
    Role value();
}
