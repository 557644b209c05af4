package io.eventca.checks.policy;

import io.eventca.events.errors.ErrorCode;
import io.eventca.events.registry.RequesterPolicy;

/** maxValidityDays: refused, never shortened, as every validity limit in eventca. */
final class MaxValidity implements PolicyRule {
  @Override
  public String field() {
    return "maxValidityDays";
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.POLICY_VALIDITY_TOO_LONG;
  }

  @Override
  public String violation(RequesterPolicy policy, PolicyRequest request) {
    if (request.validityDays() <= policy.maxValidityDays()) {
      return null;
    }
    return request.validityDays() + " days asked, at most " + policy.maxValidityDays() + " allowed";
  }
}
