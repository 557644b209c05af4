package io.eventca.issuer.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.cert.RejectionCode;
import io.eventca.issuer.Rejection;
import io.eventca.testkit.Csrs;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
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
    assertThatThrownBy(() -> KeyQuality.checkNotCaKey(key, key)).isInstanceOf(Rejection.class).hasMessageContaining("CA's own key");
    KeyQuality.checkNotCaKey(key, spki(Csrs.ecP256()));
  }

  private static void assertWeak(SubjectPublicKeyInfo key, String detail) {
    assertThatThrownBy(() -> KeyQuality.check(key))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(RejectionCode.WEAK_KEY))
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
}
