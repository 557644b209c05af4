package io.eventca.crl.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

@ConfigMapping(prefix = "eventca.crl")
public interface CrlConfig {
  /** thisUpdate to nextUpdate of every CRL. */
  @WithDefault("PT24H")
  @DurationMin(minutes = 1)
  Duration validity();

  /** Re-issue this long before nextUpdate, so relying parties never hold an expired CRL. */
  @WithDefault("PT6H")
  @DurationMin(seconds = 0)
  Duration refreshBefore();

  /** How long to gather revocations into one CRL, so a burst of revocations costs one signature. */
  @WithDefault("PT1S")
  @DurationMin(millis = 0)
  Duration batchDelay();

  /** How long a revoked certificate stays on the CRL after it expired; 0 drops it from the first CRL after expiry. */
  @WithDefault("PT0S")
  @DurationMin(seconds = 0)
  Duration keepExpired();

  /** Upper bound of HTTP Cache-Control max-age, so caches pick up a CRL re-issued after a revocation soon. */
  @WithDefault("PT1M")
  @DurationMin(seconds = 0)
  Duration httpMaxAge();
}
