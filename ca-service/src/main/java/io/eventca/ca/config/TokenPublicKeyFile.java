package io.eventca.ca.config;

import io.eventca.ca.api.TokenKeyCheck;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value names a readable RSA public key file. Checked with the other config, before Flyway or Kafka are
 * touched, so a missing key is the first and only error at start-up rather than one hidden behind others.
 */
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TokenPublicKeyFile.Check.class)
public @interface TokenPublicKeyFile {
  String message() default "must name a readable RSA public key file";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Check implements ConstraintValidator<TokenPublicKeyFile, String> {
    @Override
    public boolean isValid(String location, ConstraintValidatorContext context) {
      if (location == null || location.isBlank()) {
        return true; // @NotBlank reports that
      }
      try {
        TokenKeyCheck.check(location);
        return true;
      } catch (IllegalStateException e) {
        context.disableDefaultConstraintViolation();
        // The message is a template: keep a path with braces or dollars from being interpolated.
        String literal = e.getMessage().replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        context.buildConstraintViolationWithTemplate(literal).addConstraintViolation();
        return false;
      }
    }
  }
}
