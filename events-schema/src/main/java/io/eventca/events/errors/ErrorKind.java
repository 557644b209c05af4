package io.eventca.events.errors;

/**
 * What a caller can do about an {@link ErrorCode}, and the HTTP status a REST door refuses it with at once. (A request
 * the door took, 202, and the issuer then refused, answers a {@code Prefer: wait} caller 422 with the issuer's code.)
 * Over Kafka a refusal is a reply, a dead letter, a CertificateRejected fact, or some of these (docs/ERRORS.md says
 * which); only {@link #RATE_LIMITED} and {@link #INTERNAL} are worth sending again unchanged.
 */
public enum ErrorKind {
  /** The request is malformed or breaks a rule: change it. */
  INVALID(400, false),
  /** The requester may not ask this (its policy, its registration, its signature): ask an admin. */
  FORBIDDEN(403, false),
  /** It names something that does not exist. */
  NOT_FOUND(404, false),
  /** The state does not allow it (a CA not active, an id already used). */
  CONFLICT(409, false),
  TOO_LARGE(413, false),
  /** Too many requests: the same request later. */
  RATE_LIMITED(429, true),
  /** eventca's fault, not the request's: the same request later (REST answers 503 with Retry-After). */
  INTERNAL(503, true);

  private final int httpStatus;
  private final boolean sendAgain;

  ErrorKind(int httpStatus, boolean sendAgain) {
    this.httpStatus = httpStatus;
    this.sendAgain = sendAgain;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Whether the same request, sent again unchanged, may succeed. */
  public boolean sendAgain() {
    return sendAgain;
  }
}
