package io.eventca.events.crl;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import java.time.Instant;

/** The current CRL of {@code caId}. Lives on a compacted topic keyed by CA, so the latest one stays. */
@EventType(name = "crl-published", version = 1)
public record CrlPublished(
    CaId caId,
    long crlNumber,
    Instant thisUpdate,
    Instant nextUpdate,
    int revokedCount,
    String crlPem)
    implements Event {}
