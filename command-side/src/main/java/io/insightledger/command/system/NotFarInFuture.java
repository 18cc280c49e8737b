package io.insightledger.command.system;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;

/** An instant at most one day ahead of now: meetings are recorded after they happen (time zones allow a day). */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NotFarInFuture.Validator.class)
public @interface NotFarInFuture {

    String message() default "must not be more than a day in the future";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NotFarInFuture, Instant> {
        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || !value.isAfter(Instant.now().plus(Duration.ofDays(1)));
        }
    }
}
