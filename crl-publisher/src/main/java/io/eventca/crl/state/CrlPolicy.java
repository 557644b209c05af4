package io.eventca.crl.state;

import io.eventca.crl.config.CrlConfig;
import java.time.Duration;

/** When CRLs are due and what goes on a delta: the timing part of {@link CrlConfig}, as plain values. */
public record CrlPolicy(
    Duration validity,
    Duration batchDelay,
    Duration refreshBefore,
    Duration keepExpired,
    int deltaFrom,
    Duration fullInterval) {

  /** Refuses settings under which every pass would re-issue a CRL (one valid no longer than its refresh lead). */
  public CrlPolicy {
    if (validity.compareTo(refreshBefore) <= 0) {
      throw new IllegalArgumentException("eventca.crl.validity (" + validity + ") must be longer than eventca.crl.refresh-before ("
          + refreshBefore + "), or every CRL would be due again as soon as it is published");
    }
  }

  public static CrlPolicy of(CrlConfig config) {
    return new CrlPolicy(config.validity(), config.batchDelay(), config.refreshBefore(), config.keepExpired(),
        config.deltaFrom(), config.fullInterval());
  }
}
