package io.eventca.ca.model;

import io.eventca.checks.subject.SubjectText;
import java.util.Map;

/**
 * The widths of the projection's text columns that hold what facts say, and how such text is made to fit. The
 * migrations create exactly these widths (ColumnWidthsTest reads them back from PostgreSQL), and the subject columns
 * are at least as wide as the longest subject the issuer can sign (request-checks' Subjects.MAX_RENDERED_LENGTH), so
 * nothing eventca issues is ever too long to record. What a forged or older fact may still carry beyond that is
 * escaped and cut by {@link #fit}: a row is always written, since a certificate that cannot be recorded cannot be found,
 * listed or revoked. Ids are typed and validated before they get here, so they always fit.
 */
public final class Columns {
  public static final int SUBJECT_DN = 3072;
  public static final int COMMON_NAME = 256;
  public static final int PRINCIPAL = 256;
  public static final int CODE = 64;
  public static final int PROFILE = 64;
  public static final int DIGEST = 16;
  public static final int HOST = 253;
  public static final int FAILURE_REASON = 1024;
  public static final int REJECTION_DETAIL = 2048;
  /** An event's wire type. */
  public static final int EVENT_TYPE = 128;
  /** A retirement or unlock reason. */
  public static final int RETIREMENT_REASON = 256;
  /** A request's row: its id, or {@code <requestedBy>/<requestId>} for a fleet request (RequestKey). */
  public static final int REQUEST_ROW = 300;
  /** How a request came (events-schema Channel: rest, fleet, later protocols). */
  public static final int CHANNEL = 16;
  /** One subjectAltName of a certificate, in its search form. */
  public static final int NAME = 1024;

  /** table.column → width, for the test that holds the schema to these numbers. */
  public static final Map<String, Integer> WIDTHS = Map.ofEntries(
      Map.entry("ca.subject_dn", SUBJECT_DN),
      Map.entry("ca.common_name", COMMON_NAME),
      Map.entry("ca.requested_by", PRINCIPAL),
      Map.entry("ca.retired_by", PRINCIPAL),
      Map.entry("ca.failure_code", CODE),
      Map.entry("ca.failure_reason", FAILURE_REASON),
      Map.entry("ca.retirement_reason", RETIREMENT_REASON),
      Map.entry("ca.digest", DIGEST),
      Map.entry("certificate.subject_dn", SUBJECT_DN),
      Map.entry("certificate.request_id", REQUEST_ROW),
      Map.entry("certificate_request.request_id", REQUEST_ROW),
      Map.entry("certificate.profile", PROFILE),
      Map.entry("certificate.revoked_by", PRINCIPAL),
      Map.entry("certificate.host", HOST),
      Map.entry("certificate.digest", DIGEST),
      Map.entry("certificate.requested_by", PRINCIPAL),
      Map.entry("certificate.channel", CHANNEL),
      Map.entry("certificate_request.channel", CHANNEL),
      Map.entry("certificate_name.value", NAME),
      Map.entry("certificate_request.profile", PROFILE),
      Map.entry("certificate_request.rejection_code", CODE),
      Map.entry("certificate_request.rejection_detail", REJECTION_DETAIL),
      Map.entry("certificate_request.requested_by", PRINCIPAL),
      Map.entry("certificate_request.host", HOST),
      Map.entry("certificate_request.digest", DIGEST),
      Map.entry("early_revocation.revoked_by", PRINCIPAL),
      Map.entry("requester.registered_by", PRINCIPAL),
      Map.entry("requester.retired_by", PRINCIPAL),
      Map.entry("key_download_lockout.caller", PRINCIPAL),
      Map.entry("key_download_lockout.unlocked_by", PRINCIPAL),
      Map.entry("key_download_lockout.unlock_reason", RETIREMENT_REASON),
      Map.entry("refused_fact.event_type", EVENT_TYPE),
      Map.entry("refused_fact.reason", FAILURE_REASON));

  private Columns() {}

  /** {@code text} with control and invisible characters escaped (PostgreSQL refuses NUL), cut to {@code width}. */
  public static String fit(String text, int width) {
    String escaped = SubjectText.escaped(text);
    if (escaped == null || escaped.length() <= width) {
      return escaped;
    }
    return escaped.substring(0, width - 1) + "…";
  }
}
