package io.eventca.checks.policy;

import io.eventca.events.errors.ErrorCode;
import io.eventca.events.registry.RequesterPolicy;

/**
 * One rule of a requester's policy. Policies are a list of small rules, as step-ca composes its validators,
 * so a new limit is a new class with its own test instead of one more branch.
 */
public interface PolicyRule {
  /** The policy field the rule enforces, named in the rejection. */
  String field();

  /**
   * @return null when {@code request} keeps to the rule, else what is wrong, said to the requester
   */
  String violation(RequesterPolicy policy, PolicyRequest request);

  /** The rejection code that names this rule. */
  ErrorCode code();
}
