package io.eventca.events.ca;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import java.time.Instant;

/** The CA key exists (wrapped, in custody) and its self-signed certificate is this one. */
@EventType(name = "ca-created", version = 1)
public record CaCreated(
    CaId caId,
    String subjectDn,
    SerialNumber serialNumber,
    Instant notBefore,
    Instant notAfter,
    KeyAlgorithm keyAlgorithm,
    int keySize,
    String digest,
    String certificatePem)
    implements Event {}
