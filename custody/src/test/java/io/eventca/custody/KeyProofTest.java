package io.eventca.custody;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ids.CaId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A certificate's key is proven only by the key custody holds for it (issue 11: forged CaCreated facts). */
class KeyProofTest {
  private final KekWrappedCustody custody = new KekWrappedCustody("kek-1", new byte[32]);

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void theOwnKeyProvesItself_anotherKeyOrAKeyUnderAnotherKekDoesNot(KeyAlgorithm algorithm) {
    int size = algorithm == KeyAlgorithm.RSA ? 2048 : 256;
    GeneratedKey own = custody.generate(CaId.random(), algorithm, size);
    GeneratedKey other = custody.generate(CaId.random(), algorithm, size);

    assertThat(KeyProof.proves(custody, own.stored(), spki(own))).isTrue();
    assertThat(KeyProof.proves(custody, own.stored(), spki(other))).as("a foreign certificate's key").isFalse();
    assertThat(KeyProof.proves(new KekWrappedCustody("kek-1", new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}),
        own.stored(), spki(own))).as("a key this custody cannot unwrap").isFalse();
  }

  private static SubjectPublicKeyInfo spki(GeneratedKey key) {
    return SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());
  }
}
