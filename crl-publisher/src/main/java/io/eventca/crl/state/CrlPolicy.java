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
    Duration fullInterval,
    Duration deltaOverlap) {

  public static CrlPolicy of(CrlConfig config) {
    return new CrlPolicy(config.validity(), config.batchDelay(), config.refreshBefore(), config.keepExpired(),
        config.deltaFrom(), config.fullInterval(), config.deltaOverlap());
  }
}
