package io.eventca.crl.codec;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** One revoked certificate as the tests feed it to both CrlEntries and the Bouncy Castle reference. */
record Revocation(BigInteger serial, Instant revokedAt, int reason, Instant invalidityDate) {
  private static final int[] REASONS = {0, 1, 2, 3, 4, 5, 6, 8, 9, 10};

  void addTo(CrlEntries entries) {
    entries.add(serial, revokedAt, reason, invalidityDate);
  }

  /**
   * Random serials of 1 to 20 octets (some with the top bit set, so DER needs a leading zero), every reason code,
   * an invalidity date on about a third; whole seconds, the precision a CRL carries.
   */
  static List<Revocation> random(int n, long seed, Instant around) {
    Random rnd = new Random(seed);
    Set<BigInteger> seen = new HashSet<>();
    List<Revocation> out = new ArrayList<>(n);
    Instant base = around.truncatedTo(ChronoUnit.SECONDS);
    while (out.size() < n) {
      int bits = 1 + rnd.nextInt(158);
      BigInteger serial = new BigInteger(bits, rnd).add(BigInteger.ONE);
      if (!seen.add(serial)) {
        continue;
      }
      Instant revoked = base.minusSeconds(rnd.nextInt(86_400 * 400));
      Instant invalidity = rnd.nextInt(3) == 0 ? revoked.minusSeconds(rnd.nextInt(86_400 * 30)) : null;
      out.add(new Revocation(serial, revoked, REASONS[rnd.nextInt(REASONS.length)], invalidity));
    }
    return out;
  }
}
