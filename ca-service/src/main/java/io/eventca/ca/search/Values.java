package io.eventca.ca.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** How search values are read: every failure is a {@link SearchProblem} naming the parameter. */
final class Values {
  private Values() {}

  /** An ISO-8601 instant ({@code 2026-11-01T00:00:00Z}) or a date, meaning its start in UTC ({@code 2026-11-01}). */
  static Instant instant(String parameter, String text) {
    Instant instant;
    try {
      instant = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new SearchProblem(parameter, "must be an ISO-8601 instant (2026-11-01T00:00:00Z) or a date (2026-11-01)");
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      // PostgreSQL's timestamps end long before Instant's; no certificate lives outside these years anyway.
      throw new SearchProblem(parameter, "must lie in the years 1 to 9999");
    }
    return instant;
  }

  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  static int whole(String parameter, String text, int min, int max) {
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new SearchProblem(parameter, "must be a whole number from " + min + " to " + max);
  }

  static boolean bool(String parameter, String text) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new SearchProblem(parameter, "must be true or false");
    };
  }

  /** The one value of a parameter given at most once, or null when it is not given. */
  static String single(java.util.Map<String, java.util.List<String>> parameters, String name) {
    java.util.List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** {@code text} as LIKE matches it literally: the caller's %, _ and \ are no wildcards. */
  static String likeLiteral(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
