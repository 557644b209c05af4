package io.eventca.custody;

import io.eventca.events.KeyAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;

/**
 * CA key pairs from the JDK's providers, the same way issuer-worker's KeyPairs has made them (RSA of the asked size,
 * EC only on P-256 and P-384), so switching a service to {@link CaKeyCustody#generate} changes no key.
 */
final class SoftwareKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SoftwareKeys() {}

  static KeyPair generate(KeyAlgorithm algorithm, int keySize) {
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

  static int keySize(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    throw new IllegalArgumentException("unsupported key " + key.getAlgorithm());
  }

  /** The value of {@code CaKeyStored.publicKeySha256}: SHA-256 of the DER SubjectPublicKeyInfo, lowercase hex. */
  static String sha256(PublicKey key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
