package io.eventca.ca.search;

import io.eventca.ca.model.CertificateRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where the next page starts: the sort key and the recorded order of the last certificate of this page, so a page is a
 * range of the index, never an offset. Certificates recorded after the first page came do not shift later pages
 * (with the default order they sort before the cursor), and no certificate is seen twice or skipped. Opaque to
 * callers; bound to its sort order.
 */
record Cursor(SortOrder order, long issuedSeq, String key) {
  private static final String VERSION = "c1";

  static Cursor after(SortOrder order, CertificateRecord last) {
    String key = switch (order.key()) {
      case ISSUED -> "";
      case NOT_AFTER -> last.notAfter.toString();
      case SUBJECT -> firstCodePoints(last.subjectDn, 512);
    };
    return new Cursor(order, last.issuedSeq, key);
  }

  /** As PostgreSQL's left() counts: characters, not UTF-16 units. */
  private static String firstCodePoints(String text, int count) {
    return text.codePointCount(0, text.length()) <= count ? text : text.substring(0, text.offsetByCodePoints(0, count));
  }

  String encode() {
    String text = VERSION + "\n" + order.token() + "\n" + issuedSeq + "\n" + key;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String text, SortOrder order) {
    String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", 4);
    } catch (IllegalArgumentException e) {
      throw new SearchProblem("cursor", "is not a cursor this search gave");
    }
    if (parts.length != 4 || !parts[0].equals(VERSION)) {
      throw new SearchProblem("cursor", "is not a cursor this search gave");
    }
    if (!parts[1].equals(order.token())) {
      throw new SearchProblem("cursor", "was given for sort=" + io.eventca.checks.Echo.of(parts[1]) + "; ask with the same sort");
    }
    try {
      Cursor cursor = new Cursor(order, Long.parseLong(parts[2]), parts[3]);
      if (order.key() == SortOrder.Key.NOT_AFTER) {
        Values.instant("cursor", cursor.key());
      }
      if (cursor.key().indexOf(0) >= 0) {
        throw new IllegalArgumentException("PostgreSQL holds no U+0000 in text");
      }
      return cursor;
    } catch (RuntimeException e) {
      throw new SearchProblem("cursor", "is not a cursor this search gave");
    }
  }

  /** The clause that keeps what comes after this cursor in its order. */
  String clause(SqlWhere where) {
    String op = order.descending() ? " < " : " > ";
    return switch (order.key()) {
      case ISSUED -> "c.issued_seq" + op + where.bind(issuedSeq);
      case NOT_AFTER -> "(c.not_after, c.issued_seq)" + op + "(" + where.bind(Instant.parse(key)) + ", " + where.bind(issuedSeq) + ")";
      case SUBJECT -> "(left(c.subject_dn, 512), c.issued_seq)" + op + "(" + where.bind(key) + ", " + where.bind(issuedSeq) + ")";
    };
  }
}
