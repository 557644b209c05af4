package io.eventca.issuer.state;

import io.eventca.events.Event;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import java.time.Instant;

/**
 * How a certificate request was answered, reduced to what answering a retry needs: the fingerprint of what was
 * asked, and the certificate (issued) or the refusal (rejected). Never the CSR, the subject or the names.
 *
 * <p>Memory: the worker does not hold these for every answered id (that took 1.5 to 2 GB of heap per million issued):
 * {@link RequestLedger} keeps where each answer lies on the log and reads it back for a retry.
 */
public sealed interface RequestOutcome {
  /** Lowercase hex SHA-256 of the request (RequestFingerprint); null for facts written before it existed. */
  String requestSha256();

  CaId caId();

  record Issued(CaId caId, SerialNumber serialNumber, String certificatePem, Instant notBefore, Instant notAfter, String requestSha256)
      implements RequestOutcome {}

  record Rejected(CaId caId, String code, String detail, String requestSha256) implements RequestOutcome {}

  /** The outcome a CertificateIssued or CertificateRejected records; null for any other event. */
  static RequestOutcome of(Event fact) {
    if (fact instanceof CertificateIssued i) {
      return new Issued(i.caId(), i.serialNumber(), i.certificatePem(), i.notBefore(), i.notAfter(), i.requestSha256());
    }
    if (fact instanceof CertificateRejected r) {
      return new Rejected(r.caId(), r.code(), r.detail(), r.requestSha256());
    }
    return null;
  }
}
