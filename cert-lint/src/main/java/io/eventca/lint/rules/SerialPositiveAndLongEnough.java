package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** RFC 5280 4.1.2.2: positive, at most 20 octets; CA/B Forum: at least 64 bits from a CSPRNG. */
public final class SerialPositiveAndLongEnough implements LintRule {
  static final int MIN_BITS = 64;
  static final int MAX_OCTETS = 20;

  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    BigInteger serial = tbs.getSerialNumber().getValue();
    if (serial.signum() <= 0) {
      return Optional.of("the serial number must be positive");
    }
    if (serial.bitLength() < MIN_BITS) {
      return Optional.of("the serial number has " + serial.bitLength() + " bits, at least " + MIN_BITS + " are required");
    }
    if (serial.toByteArray().length > MAX_OCTETS) {
      return Optional.of("the serial number is longer than " + MAX_OCTETS + " octets");
    }
    return Optional.empty();
  }
}
