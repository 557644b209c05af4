package io.eventca.crl.state;

import io.eventca.crl.codec.CrlEntries;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.ids.SerialNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One CA's revocations and what its next full CRL lists: the entries kept encoded ({@link CrlEntries}) and changed one
 * at a time, so a CA with a million revocations re-issues its CRL by copying bytes; and the expiry of every
 * certificate it issued, so a revoked certificate leaves the CRL once it expired (RFC 5280 5.1.2.6). Not thread-safe:
 * used under {@link CaCrlState}'s lock.
 */
final class RevocationList {
  private final Map<SerialNumber, CertificateRevoked> revoked = new HashMap<>();
  /** notAfter of every certificate this CA issued, so expired entries can leave the CRL. */
  private final Map<SerialNumber, Instant> notAfter = new HashMap<>();
  /** notAfter of the listed revocations whose expiry is known: the next one to leave is the first key. */
  private final NavigableMap<Instant, Set<SerialNumber>> expiries = new TreeMap<>();
  /** What the next full CRL lists: every revocation not yet dropped for expiry. */
  private final CrlEntries listed = new CrlEntries();

  /** @return false for a serial already revoked: the first revocation counts, a repeat changes nothing */
  boolean add(CertificateRevoked event) {
    SerialNumber serial = event.serialNumber();
    if (revoked.containsKey(serial)) {
      return false;
    }
    // Encode first: if the entry cannot be encoded, nothing of it is kept and the CA's other entries still work.
    listed.add(serial.toBigInteger(), event.revokedAt(), event.reason().code(), event.invalidityDate());
    revoked.put(serial, event);
    Instant until = notAfter.get(serial);
    if (until != null) {
      expiries.computeIfAbsent(until, t -> new HashSet<>(2)).add(serial);
    }
    return true;
  }

  void issued(SerialNumber serial, Instant until) {
    notAfter.put(serial, until);
    if (revoked.containsKey(serial) && listed.contains(serial.toBigInteger())) {
      expiries.computeIfAbsent(until, t -> new HashSet<>(2)).add(serial);
    }
  }

  Optional<CertificateRevoked> revocation(SerialNumber serial) {
    return Optional.ofNullable(revoked.get(serial));
  }

  boolean contains(SerialNumber serial) {
    return revoked.containsKey(serial);
  }

  boolean isIssued(SerialNumber serial) {
    return notAfter.containsKey(serial);
  }

  int revokedCount() {
    return revoked.size();
  }

  /** What the next full CRL lists, read in place (never handed out of the lock). */
  CrlEntries listed() {
    return listed;
  }

  boolean hasExpiredAt(Instant now, Duration keepExpired) {
    return !expiries.isEmpty() && !now.isBefore(expiries.firstKey().plus(keepExpired));
  }

  /** A certificate of unknown expiry stays listed. */
  void dropExpired(Instant thisUpdate, Duration keepExpired) {
    while (hasExpiredAt(thisUpdate, keepExpired)) {
      for (SerialNumber serial : expiries.pollFirstEntry().getValue()) {
        listed.remove(serial.toBigInteger());
      }
    }
  }

  /** Adds the entry of {@code serial} (revoked here) to {@code entries}, unless it expired longer ago than the keep time. */
  void addUnexpired(CrlEntries entries, SerialNumber serial, Instant thisUpdate, Duration keepExpired) {
    Instant until = notAfter.get(serial);
    if (until == null || thisUpdate.isBefore(until.plus(keepExpired))) {
      CertificateRevoked e = revoked.get(serial);
      entries.add(serial.toBigInteger(), e.revokedAt(), e.reason().code(), e.invalidityDate());
    }
  }
}
