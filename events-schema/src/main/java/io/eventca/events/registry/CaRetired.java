package io.eventca.events.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import java.time.Instant;

/**
 * An admin retired {@code caId}: it issues nothing more (no certificate, no CA below it), while its CRLs and OCSP
 * answers go on, so the certificates it issued can still be checked and revoked until they expire. Final.
 */
@EventType(name = "ca-retired", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaRetired(CaId caId, String reason, String retiredBy, Instant retiredAt) implements Event {}
