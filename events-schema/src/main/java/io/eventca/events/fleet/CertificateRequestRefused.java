package io.eventca.events.fleet;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;

/**
 * The answer to a request that was rejected or could not be read, on the request's reply topic (default
 * {@code eventca.replies}), keyed {@code <requestedBy>/<requestId>} ({@link io.eventca.events.cert.RequestKey}; a
 * refusal of a reused id under a key of its own). {@code code} is an ErrorCode value, {@code detail} for people;
 * {@code caId} is {@link CaId#UNKNOWN} when the request's CA could not be read; {@code requestedBy} (since issue 11)
 * whose request this answers, when it could be read.
 */
@EventType(name = "certificate-request-refused", version = 1)
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record CertificateRequestRefused(CaId caId, RequestId requestId, String code, String detail, String requestedBy) implements Event {

  public CertificateRequestRefused(CaId caId, RequestId requestId, String code, String detail) {
    this(caId, requestId, code, detail, null);
  }
}
