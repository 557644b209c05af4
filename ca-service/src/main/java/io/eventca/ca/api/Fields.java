package io.eventca.ca.api;

import io.eventca.checks.subject.SubjectFields;
import io.eventca.checks.subject.SubjectProblem;
import io.eventca.events.SubjectName;
import io.eventca.checks.names.Hostnames;
import java.util.Locale;
import java.util.regex.Pattern;

/** Small field rules shared by the command bodies; each failure names the field and the rule. */
final class Fields {
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}]");

  private Fields() {}

  static String required(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw ApiError.invalidField(field, "is required");
    }
    return text(field, value, maxLength);
  }

  static String optional(String field, String value, int maxLength) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw ApiError.invalidField(field, "must not be blank when given");
    }
    return text(field, value, maxLength);
  }

  private static String text(String field, String value, int maxLength) {
    String trimmed = value.strip();
    if (trimmed.length() > maxLength) {
      throw ApiError.invalidField(field, "must be at most " + maxLength + " characters");
    }
    if (CONTROL.matcher(trimmed).find()) {
      throw ApiError.invalidField(field, "must not contain control characters");
    }
    return trimmed;
  }

  /**
   * The subject fields of a request (create_ca.sh / create_cert.sh -CN -E -OU -O -L -S -C), held to exactly the rules
   * the issuer-worker applies (request-checks' SubjectFields): what passes here, the issuer can sign and every part of
   * eventca can read back and store.
   */
  static SubjectName subject(SubjectName given) {
    try {
      return SubjectFields.normalize(given);
    } catch (SubjectProblem e) {
      throw ApiError.invalidFieldSaying(e.field(), e.getMessage());
    }
  }

  /**
   * A DNS host name (create_cert.sh -host), lower-cased. The syntax is the issuer-worker's (request-checks Hostnames:
   * LDH labels, at most one leading "*." label, no numeric last label); here only the field's length is added.
   */
  static String host(String field, String value) {
    String host = optional(field, value, 253);
    if (host == null) {
      return null;
    }
    if (Hostnames.isIpAddress(host)) {
      throw ApiError.invalidField(field, "must be a DNS host name, not an IP address: put IP addresses in subjectAltNames");
    }
    if (!Hostnames.isHostname(host)) {
      throw ApiError.invalidField(field, "must be a DNS host name (labels of letters, digits and hyphens, at most 253 characters)");
    }
    return host.toLowerCase(Locale.ROOT);
  }

  /** An extra subjectAltName: a DNS name (lower-cased) or an IPv4/IPv6 literal, by request-checks' Hostnames. */
  static String subjectAltName(String field, String value) {
    String v = required(field, value, 253);
    if (Hostnames.isIpAddress(v)) {
      return v;
    }
    if (v.matches("[0-9.]+") || org.bouncycastle.util.IPAddress.isValid(v)) {
      // "010.0.0.1" is 8.0.0.1 to inet_aton and 10.0.0.1 to others: Hostnames takes no IPv4 with leading zeros.
      throw ApiError.invalidField(field, "must be an IPv4 address without leading zeros: " + v);
    }
    if (!Hostnames.isHostname(v)) {
      throw ApiError.invalidField(field, "must be a DNS name or an IP address: " + v.replaceAll("[^\\x20-\\x7e]", "?"));
    }
    return v.toLowerCase(Locale.ROOT);
  }

  static int range(String field, Integer value, int defaultValue, int min, int max) {
    int v = value == null ? defaultValue : value;
    if (v < min || v > max) {
      throw ApiError.invalidField(field, "must be between " + min + " and " + max);
    }
    return v;
  }
}
