package io.eventca.crl.http;

/** The one error type of the crl-publisher's HTTP edge; {@link Kind} decides the status. */
public final class CrlError extends RuntimeException {
  public enum Kind {
    BAD_REQUEST(400),
    NOT_FOUND(404),
    TOO_LARGE(413),
    /** This instance holds no bytes of a CRL that travels by reference yet: it is rebuilding it. */
    UNAVAILABLE(503);

    final int status;
    /** One title per status at every edge (service-kit Problems). */
    final String title;

    Kind(int status) {
      this.status = status;
      this.title = io.eventca.service.Problems.title(status);
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
