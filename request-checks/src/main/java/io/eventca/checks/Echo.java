package io.eventca.checks;

/**
 * A value of the request said back in a refusal's detail or a log line. Details reach people, terminals and log
 * pipelines, so nothing but printable ASCII goes in (a control character, a newline or a bidirectional override
 * could forge a log line or hide text), and at most {@value #MAX} characters of it: a longer value is said by its
 * head and its tail (the tail of a host name is its domain, the part that matters).
 */
public final class Echo {
  public static final int MAX = 80;

  private Echo() {}

  public static String of(String value) {
    if (value == null) {
      return "(none)";
    }
    if (value.length() <= MAX) {
      return printable(value);
    }
    return printable(value.substring(0, MAX / 2)) + "..." + printable(value.substring(value.length() - MAX / 2))
        + " (" + value.length() + " characters)";
  }

  private static String printable(String value) {
    return value.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
