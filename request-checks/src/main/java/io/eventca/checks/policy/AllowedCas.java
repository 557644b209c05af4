package io.eventca.checks.policy;

import io.eventca.events.errors.ErrorCode;
import io.eventca.events.registry.RequesterPolicy;

/** allowedCaIds: a requester limited to some CAs may ask only those. */
final class AllowedCas implements PolicyRule {
  @Override
  public String field() {
    return "allowedCaIds";
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.POLICY_CA_NOT_ALLOWED;
  }

  @Override
  public String violation(RequesterPolicy policy, PolicyRequest request) {
    if (policy.anyCa() || policy.allowedCaIds().contains(request.caId())) {
      return null;
    }
    return "CA " + request.caId() + " is not among the CAs it may ask";
  }
}
