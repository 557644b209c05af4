package io.eventca.events.cert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;

/**
 * The request was refused; {@code code} is machine-readable (see ErrorCode), {@code detail} for people.
 * Optional since its introduction in v1: {@code requestSha256} (the RequestFingerprint of the request); since issue 11
 * {@code requestedBy} and {@code channel}, as in {@link CertificateIssued}.
 */
@EventType(name = "certificate-rejected", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateRejected(CaId caId, RequestId requestId, String code, String detail, String requestSha256, String requestedBy,
    Channel channel)
    implements Event {

  public CertificateRejected(CaId caId, RequestId requestId, String code, String detail, String requestSha256) {
    this(caId, requestId, code, detail, requestSha256, null, null);
  }

  /** Without a request fingerprint, as before {@code requestSha256} existed. */
  public CertificateRejected(CaId caId, RequestId requestId, String code, String detail) {
    this(caId, requestId, code, detail, null, null, null);
  }

  /** Whose request this answers, and so under which key its answer is kept. */
  public RequestKey requestKey() {
    return new RequestKey(requestedBy, requestId);
  }
}
