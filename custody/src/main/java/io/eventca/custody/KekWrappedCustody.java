package io.eventca.custody;

import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.security.KeyPair;
import java.security.PrivateKey;

/**
 * Wraps PKCS#8 private keys with AES-256-GCM under the one key-encryption key the signing services hold (see
 * {@link Kek}). To rotate the KEK, use a {@link KekRing} instead.
 */
public final class KekWrappedCustody implements CaKeyCustody {
  private final Kek kek;

  public KekWrappedCustody(String kekId, byte[] kekBytes) {
    this.kek = new Kek(kekId, kekBytes);
  }

  /** @param base64Kek the KEK as base64 of 32 random bytes, e.g. from {@code openssl rand -base64 32} */
  public static KekWrappedCustody fromBase64(String kekId, String base64Kek) {
    return new KekWrappedCustody(kekId, java.util.Base64.getDecoder().decode(base64Kek.trim()));
  }

  @Override
  public CaKeyStored store(CaId caId, KeyPair keyPair) {
    return WrappedKeys.wrap(kek, caId, keyPair);
  }

  @Override
  public PrivateKey privateKey(CaKeyStored stored) {
    WrappedKeys.requireWrapped(stored);
    if (!kek.id().equals(stored.kekId())) {
      throw new IllegalStateException(
          "the key of CA " + stored.caId() + " is wrapped under KEK " + stored.kekId() + ", this service holds " + kek.id());
    }
    return WrappedKeys.unwrap(kek, stored);
  }

  @Override
  public boolean holds(CaKeyStored stored) {
    return stored.custodyKind() == CaKeyStored.Custody.kek && kek.id().equals(stored.kekId());
  }
}
