package io.eventca.ca.api;

import io.eventca.checks.subject.SubjectFields;
import io.eventca.checks.subject.SubjectProblem;
import io.eventca.events.SubjectName;
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

  private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /** A DNS host name (create_cert.sh -host): letters, digits and hyphens in dot-separated labels, lower-cased. */
  static String host(String field, String value) {
    String host = optional(field, value, 253);
    if (host == null) {
      return null;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    if (!isDnsName(lower)) {
      throw ApiError.invalidField(field, "must be a DNS host name (labels of letters, digits and hyphens, at most 253 characters)");
    }
    if (org.bouncycastle.util.IPAddress.isValid(lower)) {
      throw ApiError.invalidField(field, "must be a DNS host name, not an IP address: put IP addresses in subjectAltNames");
    }
    return lower;
  }

  static boolean isDnsName(String name) {
    if (name.isEmpty() || name.length() > 253 || name.endsWith(".")) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** An extra subjectAltName: a DNS name (lower-cased) or an IPv4/IPv6 literal, never looked up. */
  static String subjectAltName(String field, String value) {
    String v = required(field, value, 253);
    if (org.bouncycastle.util.IPAddress.isValidIPv6(v) || IPV4.matcher(v).matches()) {
      return v;
    }
    if (org.bouncycastle.util.IPAddress.isValid(v) || v.matches("[0-9.]+")) {
      // "010.0.0.1" is 8.0.0.1 to inet_aton and 10.0.0.1 to others; the issuer-worker refuses it, so refuse it here.
      throw ApiError.invalidField(field, "must be an IPv4 address without leading zeros: " + v);
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (!isDnsName(lower)) {
      throw ApiError.invalidField(field, "must be a DNS name or an IP address: " + v.replaceAll("[^\\x20-\\x7e]", "?"));
    }
    return lower;
  }

  static int range(String field, Integer value, int defaultValue, int min, int max) {
    int v = value == null ? defaultValue : value;
    if (v < min || v > max) {
      throw ApiError.invalidField(field, "must be between " + min + " and " + max);
    }
    return v;
  }
}
