package io.eventca.events.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import java.time.Instant;

/**
 * The answer to a request that was issued, on the request's reply topic (default {@code eventca.replies}), keyed
 * {@code <requestedBy>/<requestId>} ({@link io.eventca.events.cert.RequestKey}; by request id before issue 11). {@code chainPem} is the issuing CA certificate followed by its issuers up to the root
 * (concatenated PEM; may be just the CA certificate). {@code repeated} is true when this answers a retry of an
 * already issued request (the same certificate as before), absent otherwise. {@code requestedBy} (since issue 11):
 * whose request this answers.
 */
@EventType(name = "certificate-delivered", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateDelivered(
    CaId caId,
    RequestId requestId,
    SerialNumber serialNumber,
    String certificatePem,
    String chainPem,
    Instant notBefore,
    Instant notAfter,
    Boolean repeated,
    String requestedBy)
    implements Event {

  public CertificateDelivered(CaId caId, RequestId requestId, SerialNumber serialNumber, String certificatePem, String chainPem,
      Instant notBefore, Instant notAfter, Boolean repeated) {
    this(caId, requestId, serialNumber, certificatePem, chainPem, notBefore, notAfter, repeated, null);
  }
}
