package io.eventca.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** generate(), signer() and holds() of the KEK custodies: the key issuer-worker will get from custody instead of making it. */
class KekGenerateTest {
  private static final byte[] KEK = new byte[32];
  private final KekWrappedCustody custody = new KekWrappedCustody("kek-1", KEK);

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"RSA, 2048, sha256", "EC, 256, sha256", "EC, 384, sha384"})
  void aGeneratedKeySignsACertificateThatItsPublicKeyVerifies(KeyAlgorithm algorithm, int keySize, String digest) throws Exception {
    CaId caId = CaId.random();
    GeneratedKey key = custody.generate(caId, algorithm, keySize);

    X509Certificate certificate = SelfSigned.certify("CN=Generated CA", key.publicKey(), custody.signer(key.stored(), digest));

    SelfSigned.verify(certificate, key.publicKey());
    assertThat(SoftwareKeys.keySize(key.publicKey())).isEqualTo(keySize);
    assertThat(key.stored().caId()).isEqualTo(caId);
    assertThat(key.stored().keyAlgorithm()).isEqualTo(algorithm);
    assertThat(key.stored().kekId()).isEqualTo("kek-1");
    assertThat(key.stored().publicKeySha256()).isEqualTo(SoftwareKeys.sha256(key.publicKey()));
    assertThat(certificate.getSigAlgName()).isEqualToIgnoringCase(SignatureAlgorithms.jcaName(digest, algorithm.name()));
  }

  @Test
  void aCertificateDoesNotVerifyWithAnotherCasKey() throws Exception {
    GeneratedKey one = custody.generate(CaId.random(), KeyAlgorithm.EC, 256);
    PublicKey other = custody.generate(CaId.random(), KeyAlgorithm.EC, 256).publicKey();
    X509Certificate certificate = SelfSigned.certify("CN=One", one.publicKey(), custody.signer(one.stored(), "sha256"));

    assertThatThrownBy(() -> SelfSigned.verify(certificate, other)).isInstanceOf(SignatureException.class);
  }

  @Test
  void onlyTheCurvesIssuerWorkerOffersAreGenerated() {
    assertThatThrownBy(() -> custody.generate(CaId.random(), KeyAlgorithm.EC, 521)).hasMessageContaining("no EC curve of 521 bits");
  }

  @Test
  void holdsOnlyKeysUnderItsOwnKek() {
    CaKeyStored mine = custody.generate(CaId.random(), KeyAlgorithm.EC, 256).stored();
    CaKeyStored other = new KekWrappedCustody("kek-2", KEK).generate(CaId.random(), KeyAlgorithm.EC, 256).stored();
    CaKeyStored inToken = CaKeyStored.inToken(CaId.random(), KeyAlgorithm.RSA, "ab".repeat(32), "hsm", "eventca-ca-x");

    assertThat(custody.holds(mine)).isTrue();
    assertThat(custody.holds(other)).isFalse();
    assertThat(custody.holds(inToken)).isFalse();
    assertThatThrownBy(() -> custody.privateKey(inToken)).hasMessageContaining("held in PKCS#11 token hsm, not wrapped under a KEK");
  }

  /** The default holds() of an implementation that does not override it answers by trying, not by assuming. */
  @Test
  void theDefaultHoldsAsksPrivateKey() {
    CaKeyCustody minimal =
        new CaKeyCustody() {
          @Override
          public CaKeyStored store(CaId caId, java.security.KeyPair keyPair) {
            return custody.store(caId, keyPair);
          }

          @Override
          public java.security.PrivateKey privateKey(CaKeyStored stored) {
            return custody.privateKey(stored);
          }
        };
    CaKeyStored mine = minimal.generate(CaId.random(), KeyAlgorithm.RSA, 2048).stored();
    CaKeyStored other = new KekWrappedCustody("kek-2", KEK).generate(CaId.random(), KeyAlgorithm.EC, 256).stored();

    assertThat(minimal.holds(mine)).isTrue();
    assertThat(minimal.holds(other)).isFalse();
  }
}
