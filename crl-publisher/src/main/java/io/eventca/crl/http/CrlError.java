package io.eventca.crl.http;

/** The one error type of the crl-publisher's HTTP edge; {@link Kind} decides the status. */
public final class CrlError extends RuntimeException {
  public enum Kind {
    BAD_REQUEST(400, "Bad request"),
    NOT_FOUND(404, "Not found"),
    TOO_LARGE(413, "Content too large"),
    /** This instance holds no bytes of a CRL that travels by reference yet: it is rebuilding it. */
    UNAVAILABLE(503, "Service unavailable");

    final int status;
    final String title;

    Kind(int status, String title) {
      this.status = status;
      this.title = title;
    }
  }

  private final Kind kind;

  public CrlError(Kind kind, String detail) {
    super(detail, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
