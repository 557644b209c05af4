package io.eventca.custody;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/** What both KEK custodies do with a KEK once they have picked it; the plaintext bytes are zeroed on every path. */
final class WrappedKeys {
  private WrappedKeys() {}

  static CaKeyStored wrap(Kek kek, CaId caId, KeyPair keyPair) {
    byte[] plain = keyPair.getPrivate().getEncoded();
    try {
      return new CaKeyStored(
          caId,
          KeyAlgorithm.valueOf(keyPair.getPrivate().getAlgorithm()),
          kek.id(),
          kek.wrap(caId, plain),
          SoftwareKeys.sha256(keyPair.getPublic()));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  static PrivateKey unwrap(Kek kek, CaKeyStored stored) {
    byte[] plain = kek.unwrap(stored);
    try {
      return KeyFactory.getInstance(stored.keyAlgorithm().name()).generatePrivate(new PKCS8EncodedKeySpec(plain));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot unwrap the key of CA " + stored.caId() + ": not a PKCS#8 " + stored.keyAlgorithm() + " key", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Refuses records that have no wrapped key, before anyone tries to base64-decode a null. */
  static void requireWrapped(CaKeyStored stored) {
    if (stored.custodyKind() != CaKeyStored.Custody.kek) {
      throw new IllegalStateException(
          "the key of CA " + stored.caId() + " is held in PKCS#11 token " + stored.tokenLabel() + ", not wrapped under a KEK");
    }
    if (stored.kekId() == null || stored.wrappedPrivateKey() == null) {
      throw new IllegalStateException("the key record of CA " + stored.caId() + " names no KEK or carries no wrapped key");
    }
  }
}
