package io.eventca.events.cert;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;

/** The request was refused; {@code code} is machine-readable (see RejectionCode), {@code detail} for people. */
@EventType(name = "certificate-rejected", version = 1)
public record CertificateRejected(CaId caId, RequestId requestId, String code, String detail) implements Event {}
