package io.eventca.custody;

import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KEK custody that can rotate: new keys are wrapped under the current KEK, keys under a previous KEK still unwrap
 * until {@link #rewrap} has moved them. Rotation is: every signing service gets the new KEK as current and the old
 * as previous, each CA key is re-wrapped and re-published, then the old KEK is dropped (docs/KEY-CUSTODY.md).
 */
public final class KekRing implements CaKeyCustody {
  private final Kek current;
  private final Map<String, Kek> byId = new LinkedHashMap<>();

  public KekRing(Kek current, Collection<Kek> previous) {
    this.current = current;
    byId.put(current.id(), current);
    for (Kek kek : previous) {
      if (byId.putIfAbsent(kek.id(), kek) != null) {
        throw new IllegalArgumentException("KEK id " + kek.id() + " is given twice; every KEK needs its own id");
      }
    }
  }

  public KekRing(Kek current) {
    this(current, List.of());
  }

  public String currentKekId() {
    return current.id();
  }

  @Override
  public CaKeyStored store(CaId caId, KeyPair keyPair) {
    return WrappedKeys.wrap(current, caId, keyPair);
  }

  @Override
  public PrivateKey privateKey(CaKeyStored stored) {
    return WrappedKeys.unwrap(kekOf(stored), stored);
  }

  @Override
  public boolean holds(CaKeyStored stored) {
    return stored.custodyKind() == CaKeyStored.Custody.kek && stored.kekId() != null && byId.containsKey(stored.kekId());
  }

  /**
   * The same key wrapped under the current KEK, with the same CA id and publicKeySha256; a record already under it
   * comes back as it is, so a rotation that stopped half-way can simply run again. The plaintext exists only as
   * one byte array between unwrap and wrap, zeroed before this returns.
   */
  public CaKeyStored rewrap(CaKeyStored old) {
    Kek from = kekOf(old);
    if (from == current) {
      return old;
    }
    byte[] plain = from.unwrap(old);
    try {
      return new CaKeyStored(old.caId(), old.keyAlgorithm(), current.id(), current.wrap(old.caId(), plain), old.publicKeySha256());
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private Kek kekOf(CaKeyStored stored) {
    WrappedKeys.requireWrapped(stored);
    Kek kek = byId.get(stored.kekId());
    if (kek == null) {
      throw new IllegalStateException(
          "the key of CA " + stored.caId() + " is wrapped under KEK " + stored.kekId() + ", which this service does not hold"
              + " (KEKs held: " + String.join(", ", byId.keySet()) + "); configure " + stored.kekId()
              + " as a previous KEK until every key is re-wrapped");
    }
    return kek;
  }
}
