package io.eventca.ca.api;

import java.time.Duration;
import java.util.Optional;

/** RFC 7240 {@code Prefer: wait=N}. Preferences we do not understand are ignored, as the RFC asks. */
final class Prefer {
  private Prefer() {}

  static Optional<Duration> waitFor(String header, int maxSeconds) {
    if (header == null) {
      return Optional.empty();
    }
    for (String preference : header.split("[,;]")) {
      String p = preference.strip();
      if (p.regionMatches(true, 0, "wait=", 0, 5)) {
        try {
          long seconds = Long.parseLong(p.substring(5).strip());
          if (seconds >= 0) {
            return Optional.of(Duration.ofSeconds(Math.min(seconds, maxSeconds)));
          }
        } catch (NumberFormatException ignored) {
          // an unreadable preference is no preference
        }
      }
    }
    return Optional.empty();
  }
}
