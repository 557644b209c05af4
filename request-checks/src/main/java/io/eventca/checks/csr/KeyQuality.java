package io.eventca.checks.csr;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.RequestProblem;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.function.Predicate;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Which subject public keys this CA certifies: RSA with a modulus of 2048 to 8192 bits, exponent 65537 and no
 * prime factor below 10,000, or EC on P-256 / P-384 with a point on the curve. Anything else is a weak key. The
 * one judge of a key for every entry point: a CSR's key at the REST door and in the issuer-worker, a requester's
 * registered key.
 */
public final class KeyQuality {
  public static final int MIN_RSA_BITS = 2048;
  /** Bigger keys buy nothing here and cost every relying party time; Boulder caps at 4096. */
  public static final int MAX_RSA_BITS = 8192;
  public static final BigInteger RSA_EXPONENT = BigInteger.valueOf(65537);
  private static final Map<ASN1ObjectIdentifier, String> CURVES =
      Map.of(SECObjectIdentifiers.secp256r1, "P-256", SECObjectIdentifiers.secp384r1, "P-384");
  /** A real RSA modulus has two huge factors; a small one means a broken generator, and the key is factored already. */
  static final int SMALL_PRIME_BOUND = 10_000;
  private static final BigInteger SMALL_PRIMES_PRODUCT = productOfPrimesBelow(SMALL_PRIME_BOUND);

  private KeyQuality() {}

  /** @return the key's algorithm, when the key is good enough to certify */
  public static KeyAlgorithm check(SubjectPublicKeyInfo key) {
    ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
      checkRsa(key);
      return KeyAlgorithm.RSA;
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
      checkEc(key);
      return KeyAlgorithm.EC;
    }
    throw weak("key algorithm " + algorithm.getId() + " is not accepted: use RSA (2048 bits or more) or EC (P-256, P-384)");
  }

  /** A CSR for the CA's own key means the requester holds the CA key: never certify it again as a leaf. */
  public static void checkNotCaKey(SubjectPublicKeyInfo key, SubjectPublicKeyInfo caKey) {
    if (canonical(key).equals(canonical(caKey))) {
      throw weak("the CSR's public key is the CA's own key");
    }
  }

  /** The same for the keys of every other CA: a leaf must never share its key with any CA. */
  public static void checkNotAnyCaKey(SubjectPublicKeyInfo key, Predicate<SubjectPublicKeyInfo> isCaKey) {
    if (isCaKey.test(canonical(key))) {
      throw weak("the CSR's public key is the key of a CA of this issuer");
    }
  }

  /** One encoding per key (EC points uncompressed), so a key re-encoded by its holder still compares equal. */
  public static SubjectPublicKeyInfo canonical(SubjectPublicKeyInfo key) {
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(PublicKeyFactory.createKey(key));
    } catch (IOException | RuntimeException e) {
      return key;
    }
  }

  private static void checkRsa(SubjectPublicKeyInfo key) {
    RSAPublicKey rsa;
    try {
      rsa = RSAPublicKey.getInstance(key.parsePublicKey());
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports malformed ASN.1 with several unchecked types (e.g. a BIT STRING with unused bits).
      throw weak("the RSA public key is malformed");
    }
    int bits = rsa.getModulus().bitLength();
    if (bits < MIN_RSA_BITS) {
      throw weak("RSA key of " + bits + " bits: at least " + MIN_RSA_BITS + " are required");
    }
    if (bits > MAX_RSA_BITS) {
      throw weak("RSA key of " + bits + " bits: at most " + MAX_RSA_BITS + " are accepted");
    }
    if (!rsa.getModulus().testBit(0)) {
      throw weak("the RSA modulus is even");
    }
    if (!RSA_EXPONENT.equals(rsa.getPublicExponent())) {
      // An exponent may be as long as the modulus: said by its size when it is no small number.
      java.math.BigInteger e = rsa.getPublicExponent();
      throw weak("RSA public exponent " + (e.bitLength() <= 64 ? e.toString() : "of " + e.bitLength() + " bits")
          + ": only 65537 is accepted");
    }
    // One gcd with the product of all small primes replaces some 1,200 trial divisions.
    if (!rsa.getModulus().gcd(SMALL_PRIMES_PRODUCT).equals(BigInteger.ONE)) {
      throw weak("the RSA modulus has a prime factor below " + SMALL_PRIME_BOUND);
    }
  }

  private static BigInteger productOfPrimesBelow(int bound) {
    BigInteger product = BigInteger.ONE;
    for (int n = 2; n < bound; n++) {
      if (BigInteger.valueOf(n).isProbablePrime(64)) {
        product = product.multiply(BigInteger.valueOf(n));
      }
    }
    return product;
  }

  private static void checkEc(SubjectPublicKeyInfo key) {
    if (!(key.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
      throw weak("EC keys must name their curve (P-256 or P-384); explicit curve parameters are not accepted");
    }
    if (!CURVES.containsKey(curve)) {
      throw weak("EC key on curve " + curve.getId() + ": only P-256 and P-384 are accepted");
    }
    try {
      // Bouncy Castle checks that the point is on the curve and not the identity while it decodes it.
      PublicKeyFactory.createKey(key);
    } catch (IOException | RuntimeException e) {
      throw weak("the EC public key is not a valid point on " + CURVES.get(curve));
    }
  }

  private static RequestProblem weak(String detail) {
    return new RequestProblem(ErrorCode.WEAK_KEY, "csr", detail);
  }
}
