package io.eventca.ca.api;

import io.eventca.events.errors.ErrorCode;
import io.eventca.events.errors.ErrorKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error type of the API. Its kind decides the HTTP status; ProblemMapping turns it into
 * application/problem+json (RFC 9457) at the edge, so no resource builds error responses itself.
 */
public class ApiError extends RuntimeException {
  public enum Kind {
    INVALID_INPUT(400),
    NOT_FOUND(404),
    CONFLICT(409),
    LOCKED(423),
    TOO_MANY_REQUESTS(429),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    REJECTED(422),
    FORBIDDEN(403),
    UNAVAILABLE(503);

    final int status;
    /** One title per status at every edge (service-kit Problems). */
    final String title;

    Kind(int status) {
      this.status = status;
      this.title = io.eventca.service.Problems.title(status);
    }

    public int status() {
      return status;
    }
  }

  private final Kind kind;
  private final Map<String, Object> extensions = new LinkedHashMap<>();

  public ApiError(Kind kind, String detail) {
    super(detail);
    this.kind = kind;
  }

  /**
   * A refusal in eventca's one vocabulary: the status follows the code's kind, and the problem carries the code (the
   * same a Kafka requester reads in its CertificateRequestRefused) and a type naming it.
   */
  public static ApiError refusal(ErrorCode code, String detail) {
    return new ApiError(kindOf(code.kind()), detail).with("code", code.code());
  }

  static Kind kindOf(ErrorKind kind) {
    return switch (kind) {
      case INVALID -> Kind.INVALID_INPUT;
      case FORBIDDEN -> Kind.FORBIDDEN;
      case NOT_FOUND -> Kind.NOT_FOUND;
      case CONFLICT -> Kind.CONFLICT;
      case TOO_LARGE -> Kind.PAYLOAD_TOO_LARGE;
      case RATE_LIMITED -> Kind.TOO_MANY_REQUESTS;
      case INTERNAL -> Kind.UNAVAILABLE;
    };
  }

  /** A bad field that is a refusal of eventca's vocabulary too: the problem names the field, the rule and the code. */
  public static ApiError invalidField(ErrorCode code, String field, String rule) {
    return refusal(code, field + " " + rule).with("field", field).with("rule", rule);
  }

  /** A bad field: the problem names the field and the rule it broke. */
  public static ApiError invalidField(String field, String rule) {
    return new ApiError(Kind.INVALID_INPUT, field + " " + rule).with("field", field).with("rule", rule);
  }

  /** A bad field, where the rule says in full what is wrong (it names the field itself). */
  public static ApiError invalidFieldSaying(String field, String detail) {
    return new ApiError(Kind.INVALID_INPUT, detail).with("field", field).with("rule", detail);
  }

  public static ApiError notFound(String what) {
    return new ApiError(Kind.NOT_FOUND, what + " does not exist");
  }

  public ApiError with(String name, Object value) {
    extensions.put(name, value);
    return this;
  }

  public Kind kind() {
    return kind;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
