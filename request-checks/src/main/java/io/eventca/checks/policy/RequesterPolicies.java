package io.eventca.checks.policy;

import io.eventca.events.registry.RequesterRegistered;
import io.eventca.checks.RequestProblem;
import java.util.List;

/** Holds a request to its requester's policy: the first rule it breaks is the rejection, which names the rule. */
public final class RequesterPolicies {
  /** The rules, in the order a request meets them. */
  public static final List<PolicyRule> RULES = List.of(new NoRoleClaims(), new AllowedCas(), new AllowedProfiles(), new MaxValidity(), new AllowedNames(),
      new AllowedSubject());

  private RequesterPolicies() {}

  /** @throws RequestProblem naming the requester, the rule (the policy field) and what is wrong */
  public static void check(RequesterRegistered requester, PolicyRequest request) {
    for (PolicyRule rule : RULES) {
      String violation = rule.violation(requester.policy(), request);
      if (violation != null) {
        throw new RequestProblem(rule.code(),
            "requester " + requester.requester() + ": policy rule " + rule.field() + ": " + violation);
      }
    }
  }
}
