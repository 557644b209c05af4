package io.eventca.ca.search;

/** A search parameter that cannot be read: the parameter and the rule it broke, for a 400 problem naming it. */
public final class SearchProblem extends RuntimeException {
  private final String parameter;
  private final String rule;

  SearchProblem(String parameter, String rule) {
    super(parameter + " " + rule, null, false, false);
    this.parameter = parameter;
    this.rule = rule;
  }

  public String parameter() {
    return parameter;
  }

  public String rule() {
    return rule;
  }
}
