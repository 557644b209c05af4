package io.eventca.ca.api;

/**
 * Who is calling, for the audit fields of events. There is no authentication yet, so every caller is
 * "anonymous"; this is the one place that changes when it comes.
 */
final class Callers {
  private Callers() {}

  static String current() {
    return "anonymous";
  }
}
