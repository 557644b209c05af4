package io.eventca.custody;

import io.eventca.events.ca.CaKeyStored;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A CA key custody just made: the public key goes into the CA certificate, {@code stored} onto eventca.ca-keys.
 * The private key is not here on purpose; sign through {@link CaKeyCustody#signer}.
 */
public record GeneratedKey(PublicKey publicKey, CaKeyStored stored) {
  public GeneratedKey {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(stored, "stored");
  }
}
