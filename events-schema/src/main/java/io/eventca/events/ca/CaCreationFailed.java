package io.eventca.events.ca;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;

/** The issuer-worker could not create the CA; {@code reason} is for people, {@code code} for programs. */
@EventType(name = "ca-creation-failed", version = 1)
public record CaCreationFailed(CaId caId, String code, String reason) implements Event {}
