package io.eventca.events;

import io.eventca.events.ids.CaId;

/** A fact. Every fact belongs to one CA, whose id is the Kafka key, so the facts of a CA stay in order. */
public interface Event {
  CaId caId();
}
