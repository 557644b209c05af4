package io.eventca.ca.projection;

import io.eventca.events.Event;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Which handler applies which event type: registered with its own type, so no handler casts. */
final class Handlers {
  private final Map<Class<? extends Event>, BiFunction<Event, Instant, Uni<Optional<String>>>> byType = new HashMap<>();

  <E extends Event> Handlers on(Class<E> type, Function<E, Uni<Optional<String>>> handler) {
    return onTimed(type, (event, time) -> handler.apply(event));
  }

  /** A handler that also records when the fact was written (its envelope's time), as the issuance history does. */
  <E extends Event> Handlers onTimed(Class<E> type, BiFunction<E, Instant, Uni<Optional<String>>> handler) {
    if (byType.putIfAbsent(type, (event, time) -> handler.apply(type.cast(event), time)) != null) {
      throw new IllegalArgumentException("two handlers for " + type.getSimpleName());
    }
    return this;
  }

  boolean handles(Event event) {
    return byType.containsKey(event.getClass());
  }

  /** What applying {@code event}, written at {@code time}, settles (see Projector.Applied); only for an event it {@link #handles}. */
  Uni<Optional<String>> apply(Event event, Instant time) {
    return byType.get(event.getClass()).apply(event, time);
  }
}
