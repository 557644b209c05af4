package io.eventca.checks.policy;

import io.eventca.events.errors.ErrorCode;
import io.eventca.events.registry.RequesterPolicy;

/** allowedProfiles: e.g. a service that may have client certificates only. */
final class AllowedProfiles implements PolicyRule {
  @Override
  public String field() {
    return "allowedProfiles";
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.POLICY_PROFILE_NOT_ALLOWED;
  }

  @Override
  public String violation(RequesterPolicy policy, PolicyRequest request) {
    if (policy.allowedProfiles().contains(request.profile())) {
      return null;
    }
    return "profile " + request.profile() + " is not one of " + policy.allowedProfiles();
  }
}
