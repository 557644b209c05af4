package io.eventca.checks.policy;

import io.eventca.checks.Echo;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.registry.RequesterPolicy;
import io.eventca.checks.names.NamePatterns;

/** allowedNames: every name of the certificate matches one of the requester's patterns (request-checks NamePatterns). */
final class AllowedNames implements PolicyRule {
  @Override
  public String field() {
    return "allowedNames";
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.POLICY_NAME_NOT_ALLOWED;
  }

  @Override
  public String violation(RequesterPolicy policy, PolicyRequest request) {
    for (String name : request.names()) {
      if (policy.allowedNames().stream().noneMatch(pattern -> matches(pattern, name))) {
        return "name " + Echo.of(name) + " matches none of " + Echo.of(String.join(", ", policy.allowedNames()));
      }
    }
    return null;
  }

  static boolean matches(String pattern, String name) {
    return NamePatterns.matches(pattern, name);
  }
}
