package io.eventca.crl.state;

/** What a CA needs next. A full CRL always comes with a fresh delta CRL on it, so the delta URL never lags. */
public enum CrlPlan {
  NONE,
  DELTA,
  FULL
}
