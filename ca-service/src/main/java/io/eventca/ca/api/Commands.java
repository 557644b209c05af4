package io.eventca.ca.api;

import io.eventca.ca.log.EventLog;
import io.eventca.events.Event;
import org.jboss.logging.Logger;

/** Records a command's event; an unreachable log is a 503 for the caller, not a 500. */
final class Commands {
  private static final Logger LOG = Logger.getLogger(Commands.class);

  private Commands() {}

  static void record(EventLog log, Event event, Runnable onFailure) {
    try {
      log.append(event);
    } catch (RuntimeException e) {
      onFailure.run();
      LOG.errorf("cannot record %s: %s", event.getClass().getSimpleName(), e.getMessage());
      throw new ApiError(ApiError.Kind.UNAVAILABLE, "the event log is unavailable; nothing was recorded, try again");
    }
  }
}
