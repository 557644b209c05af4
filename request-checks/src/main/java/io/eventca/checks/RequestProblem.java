package io.eventca.checks;

/**
 * A request refused for a reason its requester can fix, in the one vocabulary every entry point speaks: {@code code}
 * is one of {@link io.eventca.events.cert.RejectionCode} (the Kafka refusal code; REST maps it to a problem type),
 * {@code field} names the part of the request at fault when one does ({@code csr}, {@code host},
 * {@code subjectAltNames}, {@code subject}, {@code publicKeyPem}), and {@code detail} is said to people, so it names
 * the problem and never carries key material or the CSR.
 */
public class RequestProblem extends RuntimeException {
  private final String code;
  private final String field;

  public RequestProblem(String code, String detail) {
    this(code, null, detail);
  }

  public RequestProblem(String code, String field, String detail) {
    super(detail, null, false, false);
    this.code = code;
    this.field = field;
  }

  public String code() {
    return code;
  }

  /** @return the part of the request at fault, or null when the problem is not one field's */
  public String field() {
    return field;
  }

  public String detail() {
    return getMessage();
  }
}
