package io.eventca.events.cert;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import java.time.Instant;

@EventType(name = "certificate-issued", version = 1)
public record CertificateIssued(
    CaId caId,
    RequestId requestId,
    SerialNumber serialNumber,
    String subjectDn,
    String profile,
    Instant notBefore,
    Instant notAfter,
    String certificatePem)
    implements Event {}
