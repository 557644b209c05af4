package io.eventca.lint;

/** A lint rule refused the to-be-signed certificate. */
public final class LintFailedException extends RuntimeException {
  private final String rule;
  private final String problem;

  public LintFailedException(String rule, String problem) {
    super(rule + ": " + problem, null, false, false);
    this.rule = rule;
    this.problem = problem;
  }

  public String rule() {
    return rule;
  }

  public String problem() {
    return problem;
  }
}
