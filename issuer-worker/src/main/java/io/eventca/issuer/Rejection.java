package io.eventca.issuer;

/**
 * A request that is refused for a reason its requester can fix. {@code code} is one of
 * {@link io.eventca.events.cert.RejectionCode}; {@code detail} is said to people, so it names the problem
 * and never carries key material or the CSR.
 */
public final class Rejection extends RuntimeException {
  private final String code;

  public Rejection(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }
}
