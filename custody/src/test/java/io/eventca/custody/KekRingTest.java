package io.eventca.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KEK rotation: kek-1 is replaced by kek-2 while every CA keeps signing. */
class KekRingTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] kek1Bytes = random32();
  private final Kek kek1 = new Kek("kek-1", kek1Bytes);
  private final Kek kek2 = new Kek("kek-2", random32());

  private final KekRing before = new KekRing(kek1);
  private final KekRing during = new KekRing(kek2, List.of(kek1));
  private final KekRing after = new KekRing(kek2);

  @Test
  void keysWrappedUnderThePreviousKekStillSign() throws Exception {
    GeneratedKey key = before.generate(CaId.random(), KeyAlgorithm.RSA, 2048);

    assertThat(during.holds(key.stored())).isTrue();
    SelfSigned.verify(SelfSigned.certify("CN=Old CA", key.publicKey(), during.signer(key.stored(), "sha256")), key.publicKey());
  }

  @Test
  void newKeysGoUnderTheCurrentKek() {
    assertThat(during.generate(CaId.random(), KeyAlgorithm.EC, 256).stored().kekId()).isEqualTo("kek-2");
    assertThat(during.currentKekId()).isEqualTo("kek-2");
  }

  @Test
  void rewrapMovesAKeyToTheCurrentKekAndARingWithOnlyThatKekSignsWithIt() throws Exception {
    CaId caId = CaId.random();
    GeneratedKey key = before.generate(caId, KeyAlgorithm.EC, 384);

    CaKeyStored rewrapped = during.rewrap(key.stored());

    assertThat(rewrapped.kekId()).isEqualTo("kek-2");
    assertThat(rewrapped.caId()).isEqualTo(caId);
    assertThat(rewrapped.keyAlgorithm()).isEqualTo(KeyAlgorithm.EC);
    assertThat(rewrapped.publicKeySha256()).isEqualTo(key.stored().publicKeySha256());
    assertThat(rewrapped.wrappedPrivateKey()).isNotEqualTo(key.stored().wrappedPrivateKey());
    assertThat(after.holds(rewrapped)).isTrue();
    assertThat(after.privateKey(rewrapped).getEncoded()).isEqualTo(before.privateKey(key.stored()).getEncoded());
    SelfSigned.verify(SelfSigned.certify("CN=Rotated CA", key.publicKey(), after.signer(rewrapped, "sha384")), key.publicKey());
  }

  @Test
  void rewrappingAKeyAlreadyUnderTheCurrentKekChangesNothing() {
    CaKeyStored current = during.generate(CaId.random(), KeyAlgorithm.EC, 256).stored();

    assertThat(during.rewrap(current)).isSameAs(current);
  }

  @Test
  void aRingWithoutTheOldKekRefusesItsKeysAndSaysWhatToConfigure() {
    CaKeyStored old = before.generate(CaId.random(), KeyAlgorithm.EC, 256).stored();

    assertThat(after.holds(old)).isFalse();
    assertThatThrownBy(() -> after.privateKey(old))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("wrapped under KEK kek-1, which this service does not hold (KEKs held: kek-2)")
        .hasMessageContaining("configure kek-1 as a previous KEK");
    assertThatThrownBy(() -> after.rewrap(old)).hasMessageContaining("does not hold");
  }

  @Test
  void otherBytesUnderTheSameKekIdFailAuthentication() {
    CaKeyStored old = before.generate(CaId.random(), KeyAlgorithm.EC, 256).stored();
    byte[] wrong = kek1Bytes.clone();
    wrong[31] ^= 1;
    KekRing misconfigured = new KekRing(kek2, List.of(new Kek("kek-1", wrong)));

    assertThatThrownBy(() -> misconfigured.privateKey(old))
        .hasMessageContaining("cannot unwrap the key of CA " + old.caId() + ": AES-GCM authentication failed under KEK kek-1");
    assertThatThrownBy(() -> misconfigured.rewrap(old)).hasMessageContaining("AES-GCM authentication failed");
  }

  @Test
  void aWrappedKeyMovedToAnotherCaIdFailsUnderEveryKek() {
    CaKeyStored old = before.generate(CaId.random(), KeyAlgorithm.EC, 256).stored();
    CaKeyStored moved = new CaKeyStored(CaId.random(), old.keyAlgorithm(), old.kekId(), old.wrappedPrivateKey(), old.publicKeySha256());
    CaKeyStored rewrappedThenMoved = withCaId(during.rewrap(old), CaId.random());

    assertThatThrownBy(() -> during.privateKey(moved)).hasMessageContaining("AES-GCM authentication failed");
    assertThatThrownBy(() -> during.rewrap(moved)).hasMessageContaining("AES-GCM authentication failed");
    assertThatThrownBy(() -> after.privateKey(rewrappedThenMoved)).hasMessageContaining("AES-GCM authentication failed");
  }

  @Test
  void aKekIdGivenTwiceIsRefused() {
    assertThatThrownBy(() -> new KekRing(kek2, List.of(kek1, new Kek("kek-1", random32()))))
        .hasMessageContaining("KEK id kek-1 is given twice");
    assertThatThrownBy(() -> new KekRing(kek2, List.of(new Kek("kek-2", random32())))).hasMessageContaining("kek-2 is given twice");
  }

  @Test
  void tokenKeysAreNotRewrapped() {
    CaKeyStored inToken = CaKeyStored.inToken(CaId.random(), KeyAlgorithm.RSA, "ab".repeat(32), "hsm", "eventca-ca-x");

    assertThat(during.holds(inToken)).isFalse();
    assertThatThrownBy(() -> during.rewrap(inToken)).hasMessageContaining("held in PKCS#11 token hsm");
  }

  private static CaKeyStored withCaId(CaKeyStored stored, CaId caId) {
    return new CaKeyStored(caId, stored.keyAlgorithm(), stored.kekId(), stored.wrappedPrivateKey(), stored.publicKeySha256());
  }

  private static byte[] random32() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
