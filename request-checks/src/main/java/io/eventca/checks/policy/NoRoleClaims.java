package io.eventca.checks.policy;

import io.eventca.checks.subject.RoleClaims;
import io.eventca.checks.subject.SubjectAttribute;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.registry.RequesterPolicy;

/**
 * No requester may ask for a certificate that claims a role of eventca's API ({@code OU=eventca-role:...}, which
 * ca-service maps to roles for mutual TLS): whatever its policy, only an admin, who is held to no requester policy,
 * hands out credentials. Without this a requester allowed any CA could ask the client CA for an admin certificate.
 * Anything that {@link RoleClaims#resembles} a claim is refused, in any case, width or look-alike letters; the value
 * is never echoed, since it may be built to confuse whoever reads the refusal.
 */
final class NoRoleClaims implements PolicyRule {
  @Override
  public String field() {
    return "roles";
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.POLICY_ROLE_NOT_ALLOWED;
  }

  @Override
  public String violation(RequesterPolicy policy, PolicyRequest request) {
    for (String unit : request.values(SubjectAttribute.ORGANIZATIONAL_UNIT)) {
      if (RoleClaims.resembles(unit)) {
        return "the subject has an OU that claims an eventca role (" + RoleClaims.PREFIX + "...); only an admin may obtain"
            + " a certificate carrying an eventca role";
      }
    }
    return null;
  }
}
