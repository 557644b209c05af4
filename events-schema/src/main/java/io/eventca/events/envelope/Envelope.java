package io.eventca.events.envelope;

import io.eventca.events.Event;
import java.time.Instant;

/** A decoded CloudEvent: the envelope attributes and the typed payload. */
public record Envelope(String id, String type, String source, Instant time, Event payload) {

  public <T extends Event> T payloadAs(Class<T> type) {
    return type.cast(payload);
  }
}
