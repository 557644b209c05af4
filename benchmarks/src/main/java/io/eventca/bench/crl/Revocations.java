package io.eventca.bench.crl;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The benchmark's revoked certificates: random 16-byte positive serials, keyCompromise on every other entry and an
 * invalidity date on every fourth, the mix benchmarks/crl-bench.sh gives openssl. Seeded, so runs compare.
 */
public final class Revocations {
  public static final int KEY_COMPROMISE = 1;
  /** thisUpdate of every benchmark CRL; entries are revoked up to a year before it. */
  public static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  public record Revocation(BigInteger serial, Instant revokedAt, int reason, Instant invalidityDate) {}

  private final Random random;
  private long index;

  public Revocations(long seed) {
    random = new Random(seed);
  }

  public Revocation next() {
    byte[] octets = new byte[16];
    BigInteger serial;
    do {
      random.nextBytes(octets);
      serial = new BigInteger(1, octets);
    } while (serial.signum() == 0);
    Instant revokedAt = NOW.minusSeconds(1 + random.nextInt(365 * 86_400));
    long i = index++;
    int reason = i % 2 == 0 ? KEY_COMPROMISE : 0;
    Instant invalidity = i % 4 == 0 ? revokedAt.minusSeconds(86_400) : null;
    return new Revocation(serial, revokedAt, reason, invalidity);
  }

  public void forEach(int n, Consumer<Revocation> sink) {
    for (int i = 0; i < n; i++) {
      sink.accept(next());
    }
  }
}
