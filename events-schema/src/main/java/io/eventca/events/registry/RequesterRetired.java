package io.eventca.events.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequesterName;
import java.time.Instant;

/**
 * An admin withdrew {@code requester}: from now on its requests are refused, over Kafka and REST alike. Its
 * certificates stay valid (revoke them to end them). Registering the name again starts a new registration.
 */
@EventType(name = "requester-retired", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequesterRetired(RequesterName requester, String retiredBy, Instant retiredAt) implements Event {

  @Override
  public CaId caId() {
    return CaId.UNKNOWN;
  }

  @Override
  public String key() {
    return RequesterRegistered.keyOf(requester);
  }
}
