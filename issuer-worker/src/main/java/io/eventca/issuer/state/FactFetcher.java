package io.eventca.issuer.state;

import io.eventca.events.Event;
import java.util.Optional;

/** Reads one committed fact of {@code eventca.issuance} back, by its {@link RequestLedger#location}. */
public interface FactFetcher {
  /** The fact there, or empty when it cannot be read now. */
  Optional<Event> at(long location);
}
