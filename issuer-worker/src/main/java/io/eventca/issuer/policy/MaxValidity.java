package io.eventca.issuer.policy;

import io.eventca.events.cert.RejectionCode;
import io.eventca.events.registry.RequesterPolicy;

/** maxValidityDays: refused, never shortened, as every validity limit in eventca. */
final class MaxValidity implements PolicyRule {
  @Override
  public String field() {
    return "maxValidityDays";
  }

  @Override
  public String code() {
    return RejectionCode.POLICY_VALIDITY_TOO_LONG;
  }

  @Override
  public String violation(RequesterPolicy policy, PolicyRequest request) {
    if (request.validityDays() <= policy.maxValidityDays()) {
      return null;
    }
    return request.validityDays() + " days asked, at most " + policy.maxValidityDays() + " allowed";
  }
}
