package io.eventca.events.ids;

/** An id that does not have its documented form. Carries the field name so an API can name it. */
public class InvalidIdException extends IllegalArgumentException {
  private final String field;

  public InvalidIdException(String field, String rule) {
    super(field + " " + rule);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
