package io.eventca.events.ca;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.ids.CaId;
import java.time.Instant;

/** An operator asked for a new root CA. Written by ca-service; the issuer-worker answers it. */
@EventType(name = "ca-creation-requested", version = 1)
public record CaCreationRequested(
    CaId caId,
    SubjectName subject,
    KeyAlgorithm keyAlgorithm,
    int keySize,
    String digest,
    int validityDays,
    String requestedBy,
    Instant requestedAt)
    implements Event {}
