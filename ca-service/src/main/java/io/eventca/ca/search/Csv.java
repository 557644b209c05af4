package io.eventca.ca.search;

import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 fields: a field with a comma, a quote or a line break is quoted, its quotes doubled; lines end in CRLF. A
 * field that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return) gets a leading
 * apostrophe (OWASP's advice on CSV injection): a subject is the requester's text.
 */
final class Csv {
  private Csv() {}

  static String line(List<String> fields) {
    return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
  }

  static String field(String value) {
    if (value == null) {
      return "";
    }
    String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote = safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
    return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }
}
