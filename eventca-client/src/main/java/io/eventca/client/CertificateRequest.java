package io.eventca.client;

import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import java.util.List;
import java.util.Objects;

/**
 * What a fleet service asks for: {@code caId} to sign {@code csrPem} under {@code profile}. The request id is
 * the requester's own (a random one when null); a retry of the same request must keep it, which
 * {@link EventcaClient} does on its own when an answer is late.
 *
 * @param validityDays days the certificate should be valid; 0 means {@value #DEFAULT_VALIDITY_DAYS}
 * @param host optional DNS name put first in subjectAltName (create_cert.sh -host)
 * @param subjectAltNames optional extra DNS names and IP addresses; null or empty for none
 */
public record CertificateRequest(
    RequestId requestId,
    CaId caId,
    String profile,
    String csrPem,
    int validityDays,
    String host,
    List<String> subjectAltNames) {

  public static final int DEFAULT_VALIDITY_DAYS = 100;

  public CertificateRequest {
    requestId = requestId == null ? RequestId.random() : requestId;
    Objects.requireNonNull(caId, "caId");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(csrPem, "csrPem");
    if (profile.isBlank()) {
      throw new IllegalArgumentException("profile must not be blank");
    }
    if (validityDays < 0) {
      throw new IllegalArgumentException("validityDays must be positive (or 0 for the default), was " + validityDays);
    }
    validityDays = validityDays == 0 ? DEFAULT_VALIDITY_DAYS : validityDays;
    subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
  }

  /** A request with a new random id, the default validity and no extra names. */
  public static CertificateRequest of(CaId caId, String profile, String csrPem) {
    return new CertificateRequest(null, caId, profile, csrPem, 0, null, null);
  }

  public CertificateRequest withRequestId(RequestId id) {
    return new CertificateRequest(id, caId, profile, csrPem, validityDays, host, subjectAltNames);
  }

  public CertificateRequest withValidityDays(int days) {
    return new CertificateRequest(requestId, caId, profile, csrPem, days, host, subjectAltNames);
  }

  public CertificateRequest withHost(String dnsName) {
    return new CertificateRequest(requestId, caId, profile, csrPem, validityDays, dnsName, subjectAltNames);
  }

  public CertificateRequest withSubjectAltNames(List<String> names) {
    return new CertificateRequest(requestId, caId, profile, csrPem, validityDays, host, names);
  }
}
