package io.eventca.service;

import io.eventca.events.errors.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problem details, built one way for every HTTP edge of eventca (ca-service's API, crl-publisher's CRL and
 * OCSP endpoints), so a client parses one shape: {@code type}, {@code title}, {@code status}, {@code detail}, then the
 * extensions. A problem in eventca's error vocabulary (an extension {@code code} that is an {@link ErrorCode},
 * docs/ERRORS.md) has the type {@code urn:eventca:error:<code>}; any other is {@code about:blank}.
 */
public final class Problems {
  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String TYPE_PREFIX = "urn:eventca:error:";
  /** When an outage or a rate limit does not know better: come back in this many seconds (Retry-After). */
  public static final int DEFAULT_RETRY_AFTER_SECONDS = 5;

  private Problems() {}

  public static Map<String, Object> body(int status, String title, String detail, Map<String, Object> extensions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", extensions.get("code") instanceof String code && ErrorCode.of(code).isPresent() ? TYPE_PREFIX + code : "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    extensions.forEach(body::putIfAbsent);
    return body;
  }

  /**
   * The title of a problem with this status, the same at every edge: RFC 9457 says the title of a type does not change
   * from one occurrence to the next, and all of eventca's problems of one status are told apart by their code.
   */
  public static String title(int status) {
    return switch (status) {
      case 400 -> "Invalid input";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      case 413 -> "Content too large";
      case 415 -> "Unsupported media type";
      case 422 -> "Request rejected";
      case 423 -> "Locked";
      case 429 -> "Too many requests";
      case 405 -> "Method not allowed";
      case 406 -> "Not acceptable";
      case 408 -> "Request timeout";
      case 410 -> "Gone";
      case 412 -> "Precondition failed";
      case 414 -> "URI too long";
      case 500 -> "Internal error";
      case 501 -> "Not implemented";
      case 502 -> "Bad gateway";
      case 504 -> "Gateway timeout";
      case 503 -> "Service unavailable";
      default -> "Error";
    };
  }

  /** Whether an answer with this status must say when to come back (RFC 9110 10.2.3): a rate limit or an outage. */
  public static boolean saysWhenToComeBack(int status) {
    return status == 429 || status == 503;
  }
}
