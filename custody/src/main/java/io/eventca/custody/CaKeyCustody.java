package io.eventca.custody;

import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.security.KeyPair;
import java.security.PrivateKey;

/**
 * Where CA private keys live. {@link #store} turns a fresh key pair into the event that records it
 * (never holding the plaintext key); {@link #privateKey} gives the signing services the key back.
 */
public interface CaKeyCustody {
  CaKeyStored store(CaId caId, KeyPair keyPair);

  PrivateKey privateKey(CaKeyStored stored);
}
