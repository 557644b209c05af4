package io.eventca.checks;

import io.eventca.events.errors.ErrorCode;

/**
 * A request refused for a reason its requester can fix, in the one vocabulary every entry point speaks: {@code code}
 * is an {@link ErrorCode} (the Kafka refusal code, and the REST problem's {@code code}),
 * {@code field} names the part of the request at fault when one does ({@code csr}, {@code host},
 * {@code subjectAltNames}, {@code subject}, {@code publicKeyPem}), and {@code detail} is said to people, so it names
 * the problem and never carries key material or the CSR.
 */
public class RequestProblem extends RuntimeException {
  private final ErrorCode code;
  private final String field;

  public RequestProblem(ErrorCode code, String detail) {
    this(code, null, detail);
  }

  public RequestProblem(ErrorCode code, String field, String detail) {
    super(detail, null, false, false);
    this.code = code;
    this.field = field;
  }

  public ErrorCode code() {
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
