package io.eventca.issuer.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SerialNumbersTest {
  @Test
  void serialsArePositiveAtLeast64BitsAndFitIn16Octets() {
    Set<BigInteger> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      BigInteger serial = SerialNumbers.random();
      assertThat(serial.signum()).isPositive();
      assertThat(serial.bitLength()).isBetween(64, 127);
      assertThat(serial.toByteArray()).hasSizeLessThanOrEqualTo(16);
      seen.add(serial);
    }
    assertThat(seen).hasSize(1000);
  }
}
