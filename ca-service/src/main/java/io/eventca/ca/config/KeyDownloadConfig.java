package io.eventca.ca.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How passphrase guesses on server-generated keys (POST .../private-key) are slowed and stopped. Counted per
 * certificate and per caller in PostgreSQL, so every ca-service instance sees the same counts. After
 * {@link #freeFailures} wrong passphrases each further one makes the next attempt wait, doubling from
 * {@link #firstDelaySeconds} up to {@link #maxDelaySeconds}; at {@link #lockoutFailures} on one certificate its key is
 * locked until an admin unlocks it (EJBCA's "max failed login attempts" of an end entity; Vault's userpass lockout
 * defaults to 5 failures, but lifts itself after 15 minutes, which ours never does, so ours allows a few more typos).
 */
@ConfigMapping(prefix = "eventca.key-download")
public interface KeyDownloadConfig {
  /** Wrong passphrases that cost nothing: typos. */
  @WithDefault("3")
  @Min(0)
  @Max(100)
  int freeFailures();

  /** The wait after the first wrong passphrase beyond the free ones; it doubles with each further one. */
  @WithDefault("1")
  @Min(1)
  @Max(3600)
  int firstDelaySeconds();

  /** The longest wait between two attempts. */
  @WithDefault("300")
  @Min(1)
  @Max(86400)
  int maxDelaySeconds();

  /** Wrong passphrases on one certificate that lock its key until an admin unlocks it. */
  @WithDefault("10")
  @Min(1)
  @Max(1000)
  int lockoutFailures();

  /**
   * A caller's count starts again after this long without a wrong passphrase (Vault's lockout_counter_reset). A
   * certificate's count does not: only the right passphrase or an admin's unlock resets it, so waiting out the delays
   * never buys an attacker more than {@link #lockoutFailures} guesses per certificate.
   */
  @WithDefault("900")
  @Min(1)
  @Max(604800)
  int callerResetSeconds();
}
