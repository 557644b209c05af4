package io.eventca.events.fleet;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;

/**
 * The answer to a request that was rejected or could not be read, on the request's reply topic (default
 * {@code eventca.replies}), keyed by request id. {@code code} is a RejectionCode value, {@code detail} for
 * people; {@code caId} is {@link CaId#UNKNOWN} when the request's CA could not be read.
 */
@EventType(name = "certificate-request-refused", version = 1)
public record CertificateRequestRefused(CaId caId, RequestId requestId, String code, String detail) implements Event {}
