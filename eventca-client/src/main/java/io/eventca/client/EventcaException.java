package io.eventca.client;

/** A certificate request that could not be completed: not sent, the client closed, or no answer (see subclass). */
public class EventcaException extends RuntimeException {
  public EventcaException(String message) {
    super(message);
  }

  public EventcaException(String message, Throwable cause) {
    super(message, cause);
  }
}
