package io.eventca.events.cert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;

/**
 * The request was refused; {@code code} is machine-readable (see RejectionCode), {@code detail} for people.
 * Optional since its introduction in v1: {@code requestSha256} (the RequestFingerprint of the request).
 */
@EventType(name = "certificate-rejected", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateRejected(CaId caId, RequestId requestId, String code, String detail, String requestSha256)
    implements Event {

  /** Without a request fingerprint, as before {@code requestSha256} existed. */
  public CertificateRejected(CaId caId, RequestId requestId, String code, String detail) {
    this(caId, requestId, code, detail, null);
  }
}
