package io.eventca.checks.csr;

import io.eventca.events.KeyAlgorithm;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A public key's algorithm and size, as the history records and searches them: an RSA key by its modulus bits, an EC
 * key by its curve's (P-256 is 256, P-384 is 384), the same numbers the CSR checks ({@link KeyQuality}) speak of.
 */
public record KeySize(KeyAlgorithm algorithm, int bits) {
  private static final Map<ASN1ObjectIdentifier, Integer> CURVE_BITS =
      Map.of(SECObjectIdentifiers.secp256r1, 256, SECObjectIdentifiers.secp384r1, 384, SECObjectIdentifiers.secp521r1, 521);

  /** Empty for a key of another algorithm or one that cannot be read. */
  public static Optional<KeySize> of(SubjectPublicKeyInfo key) {
    try {
      ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
      if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
        return Optional.of(new KeySize(KeyAlgorithm.RSA, RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength()));
      }
      if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm) && key.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve
          && CURVE_BITS.containsKey(curve)) {
        return Optional.of(new KeySize(KeyAlgorithm.EC, CURVE_BITS.get(curve)));
      }
    } catch (java.io.IOException | RuntimeException e) {
      // unreadable: no size
    }
    return Optional.empty();
  }
}
