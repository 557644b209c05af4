package io.eventca.events.envelope;

/** A record that is not an eventca event. {@code code} says which way, for rejection answers and dead letters. */
public class UnreadableEventException extends RuntimeException {
  public static final String NOT_A_CLOUDEVENT = "not-a-cloudevent";
  public static final String UNKNOWN_TYPE = "unknown-event-type";
  public static final String BAD_PAYLOAD = "bad-payload";

  private final String code;

  public UnreadableEventException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
