package io.eventca.client;

/**
 * How a reply's record key names its request: {@code <requestedBy>/<requestId>}, with {@code /reused/<fingerprint16>}
 * after it for the refusal of a reused id ({@link io.eventca.events.cert.RequestKey}); the id alone from workers
 * before issue 11.
 */
final class ReplyKeys {
  private ReplyKeys() {}

  static String requestIdOf(String key) {
    String main = withoutReused(key);
    return main.substring(main.lastIndexOf('/') + 1);
  }

  /** Whose request a reply answers: {@code waitingRequester} itself for a key of the id alone. */
  static String requesterOf(String key, String requestId, String waitingRequester) {
    String main = withoutReused(key);
    return main.equals(requestId) ? waitingRequester : main.substring(0, main.length() - requestId.length() - 1);
  }

  private static String withoutReused(String key) {
    int reused = key.indexOf("/reused/");
    return reused < 0 ? key : key.substring(0, reused);
  }
}
