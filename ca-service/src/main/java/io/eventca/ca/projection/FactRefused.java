package io.eventca.ca.projection;

/** A fact the projection does not believe (FactChecks): recorded as refused instead of applied, never retried. */
final class FactRefused extends RuntimeException {
  FactRefused(String reason) {
    super(reason, null, false, false);
  }
}
