package io.eventca.events.cert;

import io.eventca.events.ids.RequestId;

/**
 * Request ids are the requester's own: {@code requestId} names a request only together with {@code requestedBy}, so
 * one requester can never use up, answer for or refuse another's ids. This is the key of every answer on a reply topic
 * ({@code <requestedBy>/<requestId>}, neither of which may contain a slash), so that compaction keeps each requester's
 * answers apart. A refusal of a reused id is kept under a key of its own ({@link #reusedKey}): the delivered
 * certificate stays the latest answer under the request's key, whatever is sent under its id later.
 *
 * @param requestedBy null only in facts written before issue 11 (their answers were keyed by the request id alone)
 */
public record RequestKey(String requestedBy, RequestId requestId) {

  public static RequestKey of(CertificateRequested request) {
    return new RequestKey(request.requestedBy(), request.requestId());
  }

  /** The record key of the answer on the reply topic. */
  public String replyKey() {
    return requestedBy == null ? requestId.value() : requestedBy + "/" + requestId.value();
  }

  /** The record key of a request-id-reused refusal: the request's key, "reused", and the refused request's fingerprint. */
  public String reusedKey(String fingerprint) {
    return replyKey() + REUSED + fingerprint.substring(0, Math.min(16, fingerprint.length()));
  }

  private static final String REUSED = "/reused/";

  /** The request id a reply's record key names, in every form {@link #replyKey} and {@link #reusedKey} write. */
  public static String requestIdOf(String replyKey) {
    String main = withoutReused(replyKey);
    return main.substring(main.lastIndexOf('/') + 1);
  }

  /** Whose request a reply's record key answers: {@code waitingRequester} itself for a key of the id alone (before issue 11). */
  public static String requesterOf(String replyKey, String requestId, String waitingRequester) {
    String main = withoutReused(replyKey);
    return main.equals(requestId) ? waitingRequester : main.substring(0, main.length() - requestId.length() - 1);
  }

  private static String withoutReused(String key) {
    int reused = key.indexOf(REUSED);
    return reused < 0 ? key : key.substring(0, reused);
  }
}
