package io.eventca.events.ca;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ids.CaId;

/**
 * Where a CA private key is kept, never the plaintext key. Either wrapped (AES-256-GCM) under the key-encryption
 * key {@code kekId} ({@code custody} absent or {@code kek}, as v1 was first written), or generated inside a PKCS#11
 * token ({@code custody} = {@code pkcs11}): then {@code tokenLabel} and {@code keyLabel} name the token and the
 * key in it, and {@code kekId} / {@code wrappedPrivateKey} are absent because no wrapped copy exists anywhere.
 * Only the signing services read the topic that carries it.
 */
@EventType(name = "ca-key-stored", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaKeyStored(
    CaId caId,
    KeyAlgorithm keyAlgorithm,
    String kekId,
    String wrappedPrivateKey,
    String publicKeySha256,
    Custody custody,
    String tokenLabel,
    String keyLabel)
    implements Event {

  /** Names are the wire values, lower case like the other identifiers in the JSON. */
  public enum Custody {
    kek,
    pkcs11
  }

  /** A key wrapped under a KEK, as v1 was first written. */
  public CaKeyStored(CaId caId, KeyAlgorithm keyAlgorithm, String kekId, String wrappedPrivateKey, String publicKeySha256) {
    this(caId, keyAlgorithm, kekId, wrappedPrivateKey, publicKeySha256, null, null, null);
  }

  /** A key that lives only inside the PKCS#11 token {@code tokenLabel}, as the object {@code keyLabel}. */
  public static CaKeyStored inToken(
      CaId caId, KeyAlgorithm keyAlgorithm, String publicKeySha256, String tokenLabel, String keyLabel) {
    return new CaKeyStored(caId, keyAlgorithm, null, null, publicKeySha256, Custody.pkcs11, tokenLabel, keyLabel);
  }

  /** Records written before {@code custody} existed are KEK-wrapped: absent means {@code kek}. */
  @JsonIgnore
  public Custody custodyKind() {
    return custody == null ? Custody.kek : custody;
  }
}
