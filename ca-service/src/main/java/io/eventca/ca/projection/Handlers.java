package io.eventca.ca.projection;

import io.eventca.events.Event;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Which handler applies which event type: registered with its own type, so no handler casts. */
final class Handlers {
  private final Map<Class<? extends Event>, Function<Event, Uni<Optional<String>>>> byType = new HashMap<>();

  <E extends Event> Handlers on(Class<E> type, Function<E, Uni<Optional<String>>> handler) {
    if (byType.putIfAbsent(type, event -> handler.apply(type.cast(event))) != null) {
      throw new IllegalArgumentException("two handlers for " + type.getSimpleName());
    }
    return this;
  }

  boolean handles(Event event) {
    return byType.containsKey(event.getClass());
  }

  /** What applying {@code event} settles (see Projector.Applied); only for an event it {@link #handles}. */
  Uni<Optional<String>> apply(Event event) {
    return byType.get(event.getClass()).apply(event);
  }
}
