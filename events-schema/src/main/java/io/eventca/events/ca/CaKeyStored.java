package io.eventca.events.ca;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ids.CaId;

/**
 * A CA private key, wrapped (AES-256-GCM) under the key-encryption key {@code kekId}. Only the signing
 * services read the topic that carries it, and only they hold the KEK: the plaintext key never leaves them.
 */
@EventType(name = "ca-key-stored", version = 1)
public record CaKeyStored(
    CaId caId, KeyAlgorithm keyAlgorithm, String kekId, String wrappedPrivateKey, String publicKeySha256)
    implements Event {}
