package io.eventca.checks.subject;

/**
 * A subject eventca will not read or issue, and why. {@link #field()} names the attribute as requests and policies
 * name it ({@code organization}, {@code commonName}, ...), or {@code subject} for the name as a whole.
 */
public final class SubjectProblem extends RuntimeException {
  private final String field;

  public SubjectProblem(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
