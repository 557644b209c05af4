package io.eventca.issuer.policy;

import io.eventca.events.cert.RejectionCode;
import io.eventca.events.registry.RequesterPolicy;
import java.util.Locale;

/**
 * No requester may ask for a certificate that claims a role of eventca's API ({@code OU=eventca-role:...}, which
 * ca-service maps to roles for mutual TLS): whatever its policy, only an admin, who is held to no requester policy,
 * hands out credentials. Without this a requester allowed any CA could ask the client CA for an admin certificate.
 */
final class NoRoleClaims implements PolicyRule {
  @Override
  public String field() {
    return "roles";
  }

  @Override
  public String code() {
    return RejectionCode.POLICY_ROLE_NOT_ALLOWED;
  }

  @Override
  public String violation(RequesterPolicy policy, PolicyRequest request) {
    for (String unit : request.organizationalUnits()) {
      if (unit.toLowerCase(Locale.ROOT).startsWith(PolicyRequest.ROLE_PREFIX)) {
        return "the subject claims " + unit + "; only an admin may obtain a certificate carrying an eventca role";
      }
    }
    return null;
  }
}
