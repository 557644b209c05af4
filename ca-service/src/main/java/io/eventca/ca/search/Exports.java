package io.eventca.ca.search;

import io.eventca.ca.model.CertificateRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The formats a search exports to, chosen by {@code format=} or by the Accept header. */
public final class Exports {
  /** The CSV columns, in order. */
  static final List<String> CSV_COLUMNS = List.of("caId", "serialNumber", "status", "subject", "subjectAltNames", "profile", "notBefore",
      "notAfter", "issuedAt", "requestedBy", "channel", "keyAlgorithm", "keySize", "revokedAt", "revocationReason", "revokedBy");

  public enum Format {
    NDJSON("ndjson", "application/x-ndjson", "certificates.ndjson"),
    CSV("csv", "text/csv", "certificates.csv"),
    INDEX_TXT("index.txt", "text/plain", "index.txt");

    public final String parameter;
    public final String mediaType;
    public final String fileName;

    Format(String parameter, String mediaType, String fileName) {
      this.parameter = parameter;
      this.mediaType = mediaType;
      this.fileName = fileName;
    }
  }

  private Exports() {}

  /**
   * The export asked for: {@code format} when given (json for a page), else the first of NDJSON or CSV the Accept header
   * names; empty for a page of JSON.
   */
  public static Optional<Format> chosen(String format, String accept) {
    if (format != null) {
      if (format.equals("json")) {
        return Optional.empty();
      }
      return Optional.of(Arrays.stream(Format.values()).filter(f -> f.parameter.equals(format)).findFirst()
          .orElseThrow(() -> new SearchProblem("format", "must be json, ndjson, csv or index.txt")));
    }
    if (accept != null) {
      String lower = accept.toLowerCase(Locale.ROOT);
      if (lower.contains("application/x-ndjson")) {
        return Optional.of(Format.NDJSON);
      }
      if (lower.contains("text/csv")) {
        return Optional.of(Format.CSV);
      }
    }
    return Optional.empty();
  }

  /**
   * What an export needs of its query: index.txt is one CA's database (openssl ca builds that CA's CRL from it, and its
   * serials are unique only within a CA), and no export skips by offset (it starts at a cursor, if at all).
   */
  public static void check(Format format, Map<String, List<String>> parameters) {
    if (format == Format.INDEX_TXT) {
      List<String> cas = parameters.getOrDefault("caId", List.of());
      if (cas.size() != 1) {
        throw new SearchProblem("caId", "must name exactly one CA for format=index.txt: it is that CA's database");
      }
      if (parameters.containsKey("includeSubordinates") && parameters.get("includeSubordinates").contains("true")) {
        throw new SearchProblem("includeSubordinates", "does not apply to format=index.txt: it is one CA's database");
      }
    }
    if (parameters.containsKey("offset")) {
      throw new SearchProblem("offset", "does not apply to an export; pass a cursor to start later");
    }
  }

  public static String csvHeader() {
    return Csv.line(CSV_COLUMNS);
  }

  /** A certificate as of {@code at}, in the columns of {@link #CSV_COLUMNS}. */
  public static String csvLine(CertificateRecord r, List<String> names, Instant at, boolean historical) {
    boolean revoked = revokedAt(r, at, historical);
    return Csv.line(Arrays.asList(r.caId, r.serialNumber, revoked ? "REVOKED" : at.isAfter(r.notAfter) ? "EXPIRED" : "VALID",
        r.subjectDn, String.join(" ", names), r.profile, text(r.notBefore), text(r.notAfter), text(r.issuedAt), r.requestedBy,
        r.channel, r.keyAlgorithm, r.keySize == null ? null : r.keySize.toString(), revoked ? text(r.revokedAt) : null,
        revoked ? r.revocationReason : null, revoked ? r.revokedBy : null));
  }

  public static String indexLine(CertificateRecord r, Instant at, boolean historical) {
    return IndexTxt.line(r, at, revokedAt(r, at, historical));
  }

  /** Revoked as the search says it (Views.historyItem): by now, or with asOf by then. One reading for every format. */
  static boolean revokedAt(CertificateRecord r, Instant at, boolean historical) {
    return r.revokedAt != null && (!historical || !r.revokedAt.isAfter(at));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
