package io.eventca.events.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.ids.CaId;
import java.util.List;

/**
 * What a registered requester may ask for, as Vault roles and step-ca provisioner policies put it.
 *
 * <p>{@code allowedNames}: every name of the certificate (its CN, DNS names and IP addresses) must match one
 * entry: an exact name or IP address, or {@code *.suffix}, which matches one or more labels before
 * {@code .suffix} (so {@code *.payments.internal} allows {@code api.payments.internal} and
 * {@code eu.api.payments.internal}, never {@code payments.internal} itself). {@code allowedProfiles}: the profiles
 * it may use. {@code maxValidityDays}: the longest validity it may ask for. {@code allowedCaIds}: the CAs it may
 * ask; absent or empty means any CA.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequesterPolicy(
    List<String> allowedNames, List<String> allowedProfiles, int maxValidityDays, List<CaId> allowedCaIds) {

  public RequesterPolicy {
    allowedNames = allowedNames == null ? List.of() : List.copyOf(allowedNames);
    allowedProfiles = allowedProfiles == null ? List.of() : List.copyOf(allowedProfiles);
    allowedCaIds = allowedCaIds == null || allowedCaIds.isEmpty() ? null : List.copyOf(allowedCaIds);
  }

  public boolean anyCa() {
    return allowedCaIds == null;
  }
}
