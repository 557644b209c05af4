package io.eventca.ca.api;

import io.eventca.ca.config.KeyDownloadConfig;
import java.time.Duration;

/** KeyDownloadConfig as arithmetic: how long a scope waits after its n-th wrong passphrase, and when it locks. */
final class GuessSchedule {
  private final int freeFailures;
  private final int firstDelaySeconds;
  private final int maxDelaySeconds;
  private final int lockoutFailures;

  GuessSchedule(int freeFailures, int firstDelaySeconds, int maxDelaySeconds, int lockoutFailures) {
    this.freeFailures = freeFailures;
    this.firstDelaySeconds = firstDelaySeconds;
    this.maxDelaySeconds = maxDelaySeconds;
    this.lockoutFailures = lockoutFailures;
  }

  static GuessSchedule of(KeyDownloadConfig config) {
    return new GuessSchedule(config.freeFailures(), config.firstDelaySeconds(), config.maxDelaySeconds(), config.lockoutFailures());
  }

  Duration delayAfter(int failures) {
    int beyond = failures - freeFailures;
    if (beyond <= 0) {
      return Duration.ZERO;
    }
    // Past 2^30 the shift would overflow; the cap is long reached by then.
    long seconds = beyond > 30 ? maxDelaySeconds : Math.min(maxDelaySeconds, (long) firstDelaySeconds << (beyond - 1));
    return Duration.ofSeconds(seconds);
  }

  boolean locks(int certificateFailures) {
    return certificateFailures >= lockoutFailures;
  }

  int attemptsLeft(int certificateFailures) {
    return Math.max(0, lockoutFailures - certificateFailures);
  }
}
