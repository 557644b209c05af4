package io.eventca.issuer.ca;

import io.eventca.events.KeyAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** Fresh CA key pairs from the JDK's providers: RSA of the asked size, or EC on P-256 (256) / P-384 (384). */
public final class KeyPairs {
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPairs() {}

  public static KeyPair generate(KeyAlgorithm algorithm, int keySize) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.name());
      switch (algorithm) {
        case RSA -> generator.initialize(keySize, RANDOM);
        case EC -> generator.initialize(new ECGenParameterSpec(curve(keySize)), RANDOM);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + algorithm + " " + keySize + " key pair", e);
    }
  }

  static String curve(int keySize) {
    return switch (keySize) {
      case 256 -> "secp256r1";
      case 384 -> "secp384r1";
      default -> throw new IllegalArgumentException("no EC curve of " + keySize + " bits is offered");
    };
  }
}
