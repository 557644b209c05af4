package io.eventca.events.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.ids.CaId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a registered requester may ask for, as Vault roles and step-ca provisioner policies put it.
 *
 * <p>{@code allowedNames}: every name of the certificate (its CN, DNS names and IP addresses) must match one
 * entry: an exact name or IP address, or {@code *.suffix}, which matches one or more labels before
 * {@code .suffix} (so {@code *.payments.internal} allows {@code api.payments.internal} and
 * {@code eu.api.payments.internal}, never {@code payments.internal} itself; and the wildcard name
 * {@code *.payments.internal} itself, a certificate for every such name: register exact names where that is too much). {@code allowedProfiles}: the profiles
 * it may use. {@code maxValidityDays}: the longest validity it may ask for. {@code allowedCaIds}: the CAs it may
 * ask; absent or empty means any CA.
 *
 * <p>{@code allowedSubject}: the values each other subject attribute may have, by its field name ({@code country},
 * {@code state}, {@code locality}, {@code organization}, {@code organizationalUnit}, {@code email},
 * {@code domainComponent}, {@code serialNumber}): exact values, or patterns in which {@code *} stands for any text.
 * An attribute it does not name may carry only the issuing CA's own value of that attribute (C, ST, L, O, OU: the
 * CA's fixed organisation fields), and e-mail addresses, domain components and serial numbers none at all. Absent
 * (the default) names none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequesterPolicy(
    List<String> allowedNames, List<String> allowedProfiles, int maxValidityDays, List<CaId> allowedCaIds,
    Map<String, List<String>> allowedSubject) {

  public RequesterPolicy {
    allowedNames = allowedNames == null ? List.of() : List.copyOf(allowedNames);
    allowedProfiles = allowedProfiles == null ? List.of() : List.copyOf(allowedProfiles);
    allowedCaIds = allowedCaIds == null || allowedCaIds.isEmpty() ? null : List.copyOf(allowedCaIds);
    if (allowedSubject == null || allowedSubject.isEmpty()) {
      allowedSubject = null;
    } else {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      allowedSubject.forEach((field, patterns) -> copy.put(field, patterns == null ? List.of() : List.copyOf(patterns)));
      allowedSubject = java.util.Collections.unmodifiableMap(copy);
    }
  }

  /** A policy without subject patterns: every attribute but the names at the issuing CA's own values. */
  public RequesterPolicy(List<String> allowedNames, List<String> allowedProfiles, int maxValidityDays, List<CaId> allowedCaIds) {
    this(allowedNames, allowedProfiles, maxValidityDays, allowedCaIds, null);
  }

  public boolean anyCa() {
    return allowedCaIds == null;
  }

  /** The patterns for one subject attribute; empty when the policy names none. */
  public List<String> allowedSubject(String field) {
    return allowedSubject == null ? List.of() : allowedSubject.getOrDefault(field, List.of());
  }
}
