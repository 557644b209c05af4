package io.eventca.issuer.state;

/**
 * The CA state could not be brought up to the log's end in time. Not the requester's fault and not final:
 * the batch is aborted and retried rather than answered.
 */
public final class StaleStateException extends RuntimeException {
  public StaleStateException(String message) {
    super(message);
  }
}
