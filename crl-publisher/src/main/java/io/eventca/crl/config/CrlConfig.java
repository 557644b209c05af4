package io.eventca.crl.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Optional;
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

  /**
   * CAs with fewer CRL entries than this re-issue their full CRL at every batch (cheap); from this size on a batch
   * issues only a delta CRL, and the full CRL is re-issued every {@link #fullInterval()}.
   */
  @WithDefault("10000")
  @Min(0)
  int deltaFrom();

  /** How often a large CA's full CRL is re-issued while revocations keep coming; its delta CRLs fill the gaps. */
  @WithDefault("PT1H")
  @DurationMin(seconds = 1)
  Duration fullInterval();

  /** A CRL whose PEM is larger than this travels on eventca.crls by reference (number, SHA-256, URL), not whole. */
  @WithDefault("900000")
  @Min(1024)
  @Max(100_000_000)
  int maxEventBytes();

  /** Where relying parties fetch CRLs, as certificates name it: the freshestCRL pointer of full CRLs is under it. */
  @WithDefault("http://localhost:8082")
  @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL")
  String baseUrl();

  /**
   * This instance's own address, put in CRL events that travel by reference: the instance that built a large CRL
   * is the one that holds its bytes. Defaults to {@link #baseUrl()} (one instance).
   */
  Optional<@Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL") String> advertisedUrl();

  /** Upper bound of HTTP Cache-Control max-age, so caches pick up a CRL re-issued after a revocation soon. */
  @WithDefault("PT1M")
  @DurationMin(seconds = 0)
  Duration httpMaxAge();
}
