package io.eventca.issuer.rotation;

import io.eventca.custody.KekRing;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one pass of re-wrapping makes of the newest key record of every CA. Only records under a previous KEK of the
 * ring are re-wrapped. A record under a KEK the ring lacks, or one that does not unwrap, is reported and left as it
 * is: the CA cannot sign here either way, and refusing to start would stop every other CA too.
 *
 * @param rewrapped the new records, all under the ring's current KEK
 * @param notHeld CA id to the KEK id its key is under, which this worker does not hold
 * @param failed CA id to why its key did not unwrap (the messages name CA and KEK ids, never key material)
 */
record Rewrap(List<CaKeyStored> rewrapped, Map<String, Integer> fromKeks, int alreadyCurrent, int inToken,
    Map<CaId, String> notHeld, Map<CaId, String> failed) {

  static Rewrap of(KekRing ring, Collection<CaKeyStored> newest) {
    List<CaKeyStored> rewrapped = new ArrayList<>();
    Map<String, Integer> fromKeks = new TreeMap<>();
    Map<CaId, String> notHeld = new TreeMap<>(java.util.Comparator.comparing(CaId::value));
    Map<CaId, String> failed = new TreeMap<>(java.util.Comparator.comparing(CaId::value));
    int current = 0;
    int inToken = 0;
    for (CaKeyStored stored : newest) {
      if (stored.custodyKind() != CaKeyStored.Custody.kek) {
        inToken++;
      } else if (ring.currentKekId().equals(stored.kekId())) {
        current++;
      } else if (!ring.holds(stored)) {
        notHeld.put(stored.caId(), String.valueOf(stored.kekId()));
      } else {
        try {
          rewrapped.add(ring.rewrap(stored));
          fromKeks.merge(stored.kekId(), 1, Integer::sum);
        } catch (RuntimeException e) {
          failed.put(stored.caId(), e.getMessage());
        }
      }
    }
    return new Rewrap(List.copyOf(rewrapped), fromKeks, current, inToken, notHeld, failed);
  }
}
