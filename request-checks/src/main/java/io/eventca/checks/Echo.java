package io.eventca.checks;

/**
 * A value of the request said back in a refusal's detail or a log line. Details reach people, terminals and log
 * pipelines, so nothing but printable ASCII goes in (a control character, a newline or a bidirectional override
 * could forge a log line or hide text), and at most {@value #MAX} characters of it.
 */
public final class Echo {
  public static final int MAX = 80;

  private Echo() {}

  public static String of(String value) {
    if (value == null) {
      return "(none)";
    }
    String cut = value.length() > MAX ? value.substring(0, MAX) : value;
    return cut.replaceAll("[^\\x20-\\x7e]", "?") + (cut.length() < value.length() ? "...(" + value.length() + " characters)" : "");
  }
}
