package io.eventca.ca.rebuild;

import java.time.Instant;

/**
 * Where a rebuild is, as {@code GET /api/v1/admin/read-model/rebuilds/latest} and {@code ./eventca-rebuild} show it.
 *
 * @param state PREPARING, REPLAYING (into {@code schema}), SWITCHING, CATCHING_UP (the live tables, with what was
 *     appended meanwhile), DONE or FAILED
 * @param eventsRead records read from the log so far, of {@code eventsTotal} when the replay began
 * @param secondsLeft at the rate so far; null until there is a rate
 * @param retiredSchema where the replaced read model was moved (kept for comparison; drop it when satisfied)
 */
public record RebuildProgress(
    String id,
    String state,
    String schema,
    String retiredSchema,
    long eventsRead,
    long eventsTotal,
    double eventsPerSecond,
    Long secondsLeft,
    Instant startedAt,
    Instant switchedAt,
    Instant finishedAt,
    String error) {

  /** One line for a log or a terminal. */
  public String line() {
    String left = secondsLeft == null ? "" : ", " + secondsLeft + " s left";
    return String.format("%s: %d/%d events, %.0f/s%s", state, eventsRead, eventsTotal, eventsPerSecond, left)
        + (error == null ? "" : " (" + error + ")");
  }
}
