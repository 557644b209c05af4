package io.eventca.issuer.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serial numbers: 16 bytes from a CSPRNG with the top bit cleared, so 127 bits of entropy in a
 * positive DER INTEGER of at most 16 octets (CA/B Forum asks for at least 64 bits of entropy).
 */
public final class SerialNumbers {
  public static final int BYTES = 16;
  /** Shorter serials are drawn again: the lint rule wants at least 64 significant bits (chance 2^-63). */
  public static final int MIN_BITS = 64;

  private static final SecureRandom RANDOM = new SecureRandom();

  private SerialNumbers() {}

  public static BigInteger random() {
    byte[] bytes = new byte[BYTES];
    BigInteger serial;
    do {
      RANDOM.nextBytes(bytes);
      bytes[0] &= 0x7f;
      serial = new BigInteger(1, bytes);
    } while (serial.bitLength() < MIN_BITS);
    return serial;
  }
}
