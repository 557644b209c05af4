package io.eventca.ca.api;

import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import java.time.Instant;
import java.util.Set;

/** Body of {@code POST /api/v1/cas/{caId}/certificates}: a PKCS#10 CSR, a profile, and the validity (create_cert.sh default 100 days). */
public record RequestCertificateBody(String csr, String profile, Integer validityDays) {
  static final Set<String> PROFILES = Set.of("server", "client");

  public CertificateRequested toEvent(CaId caId, RequestId requestId, String requestedBy) {
    if (csr == null || csr.isBlank()) {
      throw ApiError.invalidField("csr", "is required");
    }
    if (csr.length() > 64 * 1024) {
      throw ApiError.invalidField("csr", "must be at most 65536 characters");
    }
    String csrPem = csr.strip().replace("\r\n", "\n") + "\n";
    Csrs.requireValid(csrPem);
    String p = Fields.required("profile", profile, 32);
    if (!PROFILES.contains(p)) {
      throw ApiError.invalidField("profile", "must be one of server, client");
    }
    int days = Fields.range("validityDays", validityDays, 100, 1, 3650);
    return new CertificateRequested(caId, requestId, csrPem, p, days, requestedBy, Instant.now(), null);
  }
}
