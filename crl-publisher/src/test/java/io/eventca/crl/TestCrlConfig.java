package io.eventca.crl;

import io.eventca.crl.config.CrlConfig;
import java.time.Duration;
import java.util.Optional;

/** CRL settings for tests that run the cycle or a whole node outside Quarkus. */
public record TestCrlConfig(
    Duration validity, Duration refreshBefore, Duration batchDelay, Duration keepExpired, int deltaFrom, Duration fullInterval,
    int maxEventBytes, String baseUrl, Optional<String> advertisedUrl, Duration httpMaxAge)
    implements CrlConfig {

  /** The service defaults, with a short batch delay. */
  public static TestCrlConfig defaults() {
    return new TestCrlConfig(Duration.ofHours(24), Duration.ofHours(6), Duration.ofMillis(200), Duration.ZERO, 10_000,
        Duration.ofHours(1), 900_000, "http://localhost:8082", Optional.empty(), Duration.ofMinutes(1));
  }

  public TestCrlConfig withDeltaFrom(int entries) {
    return new TestCrlConfig(validity, refreshBefore, batchDelay, keepExpired, entries, fullInterval,
        maxEventBytes, baseUrl, advertisedUrl, httpMaxAge);
  }

  public TestCrlConfig withMaxEventBytes(int bytes, String advertised) {
    return new TestCrlConfig(validity, refreshBefore, batchDelay, keepExpired, deltaFrom, fullInterval, bytes,
        baseUrl, Optional.of(advertised), httpMaxAge);
  }
}
