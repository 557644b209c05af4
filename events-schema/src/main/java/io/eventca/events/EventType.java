package io.eventca.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable wire identity of an event: its CloudEvents {@code type} is {@code io.eventca.<name>.v<version>}.
 * Renaming the Java class must never change it; a breaking change gets a new version, not a new meaning.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
  String name();

  int version();
}
