package io.eventca.client;

import io.eventca.events.ids.RequestId;
import java.time.Duration;

/**
 * No answer came for a request after every attempt. The request may still be answered later (the CA may be
 * down or slow): sending it again with the same request id is safe and returns the same certificate.
 */
public class EventcaTimeoutException extends EventcaException {
  private final RequestId requestId;
  private final int attempts;

  public EventcaTimeoutException(RequestId requestId, int attempts, Duration timeoutPerAttempt, String replyTopic) {
    super("no answer to certificate request " + requestId + " on " + replyTopic + " after " + attempts
        + (attempts == 1 ? " attempt" : " attempts") + " of " + timeoutPerAttempt.toMillis() + " ms each"
        + " (is issuer-worker running and reading eventca.requests?); re-sending with the same request id is safe");
    this.requestId = requestId;
    this.attempts = attempts;
  }

  public RequestId requestId() {
    return requestId;
  }

  public int attempts() {
    return attempts;
  }
}
