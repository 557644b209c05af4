package io.eventca.events;

import io.eventca.events.ids.CaId;

/**
 * A fact. Every fact belongs to one CA ({@link CaId#UNKNOWN} for answers to records whose CA could not be read),
 * whose id is the Kafka key on the topics keyed by CA id, so the facts of a CA stay in order; see {@link Topic#key()}.
 */
public interface Event {
  CaId caId();

  /** The Kafka key: the CA id, except on topics keyed otherwise (requester events are keyed by requester). */
  default String key() {
    return caId().value();
  }
}
