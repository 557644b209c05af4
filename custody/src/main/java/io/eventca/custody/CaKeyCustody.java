package io.eventca.custody;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.security.KeyPair;
import java.security.PrivateKey;
import org.bouncycastle.operator.ContentSigner;

/**
 * Where CA private keys live. The event a custody returns ({@link CaKeyStored}) names the key without any secret
 * in plaintext; only a custody that {@link #holds} the key can sign with it.
 *
 * <p>{@link #generate} is the way to make a CA key: a hardware custody never lets a key exist outside the token, so
 * it cannot accept one made by the caller through {@link #store}.
 */
public interface CaKeyCustody {
  /** Records a key pair the caller generated. Custodies that keep keys in hardware refuse it. */
  CaKeyStored store(CaId caId, KeyPair keyPair);

  /** The key to sign with: a plain JCA key for wrapped keys, a token handle (no encoding) for PKCS#11 keys. */
  PrivateKey privateKey(CaKeyStored stored);

  /**
   * A fresh CA key: RSA of {@code keySize} bits, or EC on P-256 (256) / P-384 (384). The default generates it with
   * the JDK and hands it to {@link #store}, which is right for every custody that wraps keys.
   */
  default GeneratedKey generate(CaId caId, KeyAlgorithm algorithm, int keySize) {
    KeyPair pair = SoftwareKeys.generate(algorithm, keySize);
    return new GeneratedKey(pair.getPublic(), store(caId, pair));
  }

  /** A signer for {@code digest} (sha256, ...) with the stored key; hardware custodies sign inside the token. */
  default ContentSigner signer(CaKeyStored stored, String digest) {
    return SignatureAlgorithms.signer(privateKey(stored), digest);
  }

  /**
   * Whether this custody can use that key. The default tries to get it, which is exact but unwraps the key;
   * implementations answer from the record and their configuration instead.
   */
  default boolean holds(CaKeyStored stored) {
    try {
      privateKey(stored);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
