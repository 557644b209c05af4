package io.eventca.crl.state;

import io.eventca.events.ids.SerialNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which of one CA's revocations the fleet's feed (eventca.revocation-feed) has announced, and with which CRL: a
 * revocation is pending until a RevocationPublished names it; a delta CRL on base N lists those first announced after
 * N, and the pending ones, which is exactly what full CRL N could not contain. The feed and the revocations replay in
 * no mutual order, so an announcement may come first. Not thread-safe: used under {@link CaCrlState}'s lock.
 */
final class FeedAnnouncements {
  /** Announced revocations by the number of the first CRL that listed them. */
  private final NavigableMap<Long, List<SerialNumber>> byFirstCrl = new TreeMap<>();
  /** Feed records read before their revocation. */
  private final Map<SerialNumber, Long> announcedEarly = new HashMap<>();
  /** Revocations the feed has not announced yet, oldest first. */
  private final Set<SerialNumber> pending = new LinkedHashSet<>();
  private Instant changedAt;

  /** A new revocation: announced already if its feed record came first, else pending since {@code now}. */
  void revoked(SerialNumber serial, Instant now) {
    Long early = announcedEarly.remove(serial);
    if (early != null) {
      announce(serial, early);
    } else {
      pending.add(serial);
      changedAt = now;
    }
  }

  /** A feed record: {@code known} says whether its revocation was read already. A repeat changes nothing. */
  void published(SerialNumber serial, long crlNumber, boolean known) {
    if (!known) {
      announcedEarly.merge(serial, crlNumber, Math::min);
    } else if (pending.remove(serial)) {
      announce(serial, crlNumber);
    }
  }

  private void announce(SerialNumber serial, long firstCrl) {
    byFirstCrl.computeIfAbsent(firstCrl, n -> new ArrayList<>(1)).add(serial);
  }

  /** Pending revocations have waited the batch delay since the last one came (so one CRL takes them all). */
  boolean batchReady(Instant now, Duration batchDelay) {
    return !pending.isEmpty() && (changedAt == null || !now.isBefore(changedAt.plus(batchDelay)));
  }

  Collection<SerialNumber> pending() {
    return pending;
  }

  /** The revocations first announced with a CRL numbered after {@code base}. */
  Collection<List<SerialNumber>> announcedAfter(long base) {
    return byFirstCrl.tailMap(base, false).values();
  }
}
