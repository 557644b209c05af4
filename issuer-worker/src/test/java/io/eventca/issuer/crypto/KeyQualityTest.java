package io.eventca.issuer.crypto;

import io.eventca.checks.csr.KeyQuality;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.RequestProblem;
import io.eventca.testkit.Csrs;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.function.Predicate;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.junit.jupiter.api.Test;

class KeyQualityTest {

  @Test
  void anRsa1024KeyIsWeak() {
    assertWeak(spki(Csrs.rsa(1024)), "RSA key of 1024 bits");
  }

  @Test
  void anRsaKeyWithExponent3IsWeak() throws Exception {
    RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
    generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(3), new SecureRandom(), 2048, 80));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();

    assertWeak(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()), "exponent 3");
  }

  @Test
  void anRsa2048KeyWithExponent65537IsAccepted() {
    assertThat(KeyQuality.check(spki(Csrs.rsa(2048)))).isEqualTo(KeyAlgorithm.RSA);
  }

  @Test
  void anEcP256KeyIsAccepted() {
    assertThat(KeyQuality.check(spki(Csrs.ecP256()))).isEqualTo(KeyAlgorithm.EC);
  }

  @Test
  void anEcP384KeyIsAccepted() throws Exception {
    assertThat(KeyQuality.check(spki(ec("secp384r1")))).isEqualTo(KeyAlgorithm.EC);
  }

  @Test
  void anEcP521KeyIsWeak() throws Exception {
    assertWeak(spki(ec("secp521r1")), "only P-256 and P-384");
  }

  @Test
  void anEd25519KeyIsNotAccepted() throws Exception {
    assertWeak(spki(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()), "is not accepted");
  }

  @Test
  void theCaOwnKeyIsRefused() {
    SubjectPublicKeyInfo key = spki(Csrs.ecP256());
    assertThatThrownBy(() -> KeyQuality.checkNotCaKey(key, key)).isInstanceOf(RequestProblem.class).hasMessageContaining("CA's own key");
    KeyQuality.checkNotCaKey(key, spki(Csrs.ecP256()));
  }

  @Test
  void anRsaModulusWithASmallPrimeFactorIsWeak() {
    // Not a usable RSA key, but a well-formed SubjectPublicKeyInfo whose 2048-bit modulus 9973 divides.
    BigInteger large = BigInteger.probablePrime(2036, new SecureRandom());
    BigInteger modulus = large.multiply(BigInteger.valueOf(9973));
    assertThat(modulus.bitLength()).isBetween(2048, 2050);

    assertWeak(rsaKey(modulus), "prime factor below 10000");
  }

  @Test
  void anRsaModulusOfTwoLargePrimesPassesTheSmallPrimeCheck() {
    SecureRandom random = new SecureRandom();
    BigInteger modulus = BigInteger.probablePrime(1024, random).multiply(BigInteger.probablePrime(1025, random));

    assertThat(KeyQuality.check(rsaKey(modulus))).isEqualTo(KeyAlgorithm.RSA);
  }

  @Test
  void theCaOwnKeyIsRefusedAlsoWhenItsPointIsCompressed() throws Exception {
    KeyPair ca = Csrs.ecP256();
    SubjectPublicKeyInfo uncompressed = spki(ca);
    SubjectPublicKeyInfo compressed = new SubjectPublicKeyInfo(uncompressed.getAlgorithm(), compress(uncompressed));

    assertThat(compressed.getEncoded()).isNotEqualTo(uncompressed.getEncoded());
    assertThatThrownBy(() -> KeyQuality.checkNotCaKey(compressed, uncompressed)).hasMessageContaining("CA's own key");
  }

  @Test
  void theKeyOfAnyOtherCaIsRefused() {
    SubjectPublicKeyInfo otherCa = spki(Csrs.ecP256());
    Predicate<SubjectPublicKeyInfo> isCaKey = otherCa::equals;

    assertThatThrownBy(() -> KeyQuality.checkNotAnyCaKey(otherCa, isCaKey))
        .isInstanceOfSatisfying(RequestProblem.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.WEAK_KEY))
        .hasMessageContaining("key of a CA of this issuer");
    KeyQuality.checkNotAnyCaKey(spki(Csrs.ecP256()), isCaKey);
  }

  private static byte[] compress(SubjectPublicKeyInfo key) {
    byte[] point = key.getPublicKeyData().getOctets(); // 04 || X || Y
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (0x02 | (point[64] & 1));
    System.arraycopy(point, 1, compressed, 1, 32);
    return compressed;
  }

  private static SubjectPublicKeyInfo rsaKey(BigInteger modulus) {
    try {
      return new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
          new RSAPublicKey(modulus, KeyQuality.RSA_EXPONENT));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertWeak(SubjectPublicKeyInfo key, String detail) {
    assertThatThrownBy(() -> KeyQuality.check(key))
        .isInstanceOfSatisfying(RequestProblem.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.WEAK_KEY))
        .hasMessageContaining(detail);
  }

  private static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  private static SubjectPublicKeyInfo spki(KeyPair keys) {
    return SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
  }

  /** Found by CsrFuzzTest: a key BIT STRING with unused bits made Bouncy Castle throw IllegalStateException. */
  @Test
  void aKeyBitStringThatIsNotWholeOctetsIsAWeakKeyNotACrash() {
    byte[] modulusLike = new byte[300];
    new SecureRandom().nextBytes(modulusLike);
    SubjectPublicKeyInfo rsa = new SubjectPublicKeyInfo(
        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
        new org.bouncycastle.asn1.DERBitString(modulusLike, 3));

    assertThatThrownBy(() -> KeyQuality.check(rsa)).isInstanceOf(RequestProblem.class).hasMessageContaining("malformed");
  }

}
