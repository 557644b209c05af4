package io.eventca.crl.state;

import io.eventca.crl.codec.CrlEntries;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.crl.RevocationPublished;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the log says about one CA's revocation: its certificate and key, its revocations, its newest full and
 * delta CRL, and which revocations the fleet's feed has announced. The entries of the next full CRL are kept
 * encoded ({@link CrlEntries}) and changed one at a time, so a CA with a million revocations re-issues its CRL by
 * copying bytes, not by rebuilding the list.
 */
public final class CaCrlState {
  /** Feed records per transaction: bounds a transaction's size when a backlog of revocations is announced. */
  static final int MAX_ANNOUNCED = 10_000;

  private final CaId caId;
  private CaCreated created;
  private X509Certificate certificate;
  private CaKeyStored key;
  private final Map<SerialNumber, Revocation> revoked = new HashMap<>();
  /**
   * Announced revocations by the number of the first CRL that listed them: a delta CRL on base N lists those
   * announced after N (and the pending ones), which is exactly what full CRL N could not contain.
   */
  private final NavigableMap<Long, List<SerialNumber>> byFirstCrl = new TreeMap<>();
  /** notAfter of every certificate this CA issued, so expired entries can leave the CRL. */
  private final Map<SerialNumber, Instant> notAfter = new HashMap<>();
  /** notAfter of the listed revocations whose expiry is known: the next one to leave is the first key. */
  private final NavigableMap<Instant, Set<SerialNumber>> expiries = new TreeMap<>();
  /** What the next full CRL lists: every revocation not yet dropped for expiry. */
  private final CrlEntries listed = new CrlEntries();
  /** Feed records read before their revocation (topics replay in no mutual order). */
  private final Map<SerialNumber, Long> announcedEarly = new HashMap<>();
  /** Revocations the feed has not announced yet, oldest first. */
  private final Set<SerialNumber> pending = new LinkedHashSet<>();
  private Instant changedAt;
  private volatile PublishedCrl full;
  private volatile PublishedCrl delta;
  /** CRLs this instance built that travel by reference, until the log hands their event back. */
  private final Map<Long, Built> builtHere = new HashMap<>();

  /** A CRL's DER and its SHA-256: only the event with that very hash may be served with these bytes. */
  public record Built(byte[] der, String sha256) {}

  private static final class Revocation {
    final CertificateRevoked event;
    boolean announced;

    Revocation(CertificateRevoked event) {
      this.event = event;
    }
  }

  /** One CRL to sign: its number, its base (delta CRLs only) and its entries. */
  public record Draft(long crlNumber, Long baseCrlNumber, CrlEntries entries) {}

  /** Signs a draft while the state is locked: the entries are read in place, not copied. */
  @FunctionalInterface
  public interface Signer {
    byte[] sign(Draft draft);
  }

  /** What one pass publishes for a CA: its CRLs (full first) and the revocations they announce. */
  public record Issue(List<Signed> crls, List<RevocationPublished> announced) {}

  public record Signed(long crlNumber, Long baseCrlNumber, int entries, byte[] der) {}

  CaCrlState(CaId caId) {
    this.caId = caId;
  }

  synchronized void apply(CaCreated event) {
    created = event;
    certificate = parse(event.certificatePem());
  }

  synchronized void apply(CaKeyStored event) {
    key = event;
  }

  /** The first revocation of a serial counts; a repeat (a replay, a duplicate) changes nothing. */
  synchronized void apply(CertificateRevoked event, Instant now) {
    SerialNumber serial = event.serialNumber();
    if (revoked.containsKey(serial)) {
      return;
    }
    // Encode first: if the entry cannot be encoded, nothing of it is kept and the CA's other entries still work.
    listed.add(serial.toBigInteger(), event.revokedAt(), event.reason().code(), event.invalidityDate());
    Revocation revocation = new Revocation(event);
    revoked.put(serial, revocation);
    Instant until = notAfter.get(serial);
    if (until != null) {
      expiries.computeIfAbsent(until, t -> new HashSet<>(2)).add(serial);
    }
    Long early = announcedEarly.remove(serial);
    if (early != null) {
      announce(revocation, early);
    } else {
      pending.add(serial);
      changedAt = now;
    }
  }

  synchronized void apply(RevocationPublished event) {
    Revocation revocation = revoked.get(event.serialNumber());
    if (revocation == null) {
      announcedEarly.merge(event.serialNumber(), event.crlNumber(), Math::min);
    } else if (!revocation.announced) {
      pending.remove(event.serialNumber());
      announce(revocation, event.crlNumber());
    }
  }

  private void announce(Revocation revocation, long firstCrl) {
    revocation.announced = true;
    byFirstCrl.computeIfAbsent(firstCrl, n -> new ArrayList<>(1)).add(revocation.event.serialNumber());
  }

  synchronized void issued(SerialNumber serial, Instant until) {
    notAfter.put(serial, until);
    if (revoked.containsKey(serial) && listed.contains(serial.toBigInteger())) {
      expiries.computeIfAbsent(until, t -> new HashSet<>(2)).add(serial);
    }
  }

  /** CRL numbers only go up: an older or equal number read late (another instance, a replay) is ignored. */
  synchronized void apply(CrlPublished event) {
    PublishedCrl current = event.isDelta() ? delta : full;
    if (current != null && event.crlNumber() <= current.event().crlNumber()) {
      return;
    }
    Built built = builtHere.remove(event.crlNumber());
    byte[] der = built != null && built.sha256().equals(event.crlSha256()) ? built.der() : null;
    if (der == null && event.crlPem() != null) {
      der = io.eventca.crl.sign.Pem.derOfCrl(event.crlPem());
    }
    PublishedCrl published = new PublishedCrl(event, der);
    if (event.isDelta()) {
      delta = published;
    } else {
      full = published;
    }
    // Full and delta CRLs come back from different partitions in either order: bytes are dropped only once
    // they are older than both, since no event they could belong to will be applied any more.
    if (full != null && delta != null) {
      long older = Math.min(full.event().crlNumber(), delta.event().crlNumber());
      builtHere.keySet().removeIf(n -> n < older);
    }
  }

  public CaId caId() {
    return caId;
  }

  public synchronized boolean canSign() {
    return certificate != null && key != null;
  }

  public synchronized X509Certificate certificate() {
    return certificate;
  }

  public synchronized CaKeyStored key() {
    return key;
  }

  public synchronized String digest() {
    return created.digest();
  }

  /** The revocation of {@code serial}, if this CA revoked it. */
  public synchronized Optional<CertificateRevoked> revocation(SerialNumber serial) {
    Revocation revocation = revoked.get(serial);
    return revocation == null ? Optional.empty() : Optional.of(revocation.event);
  }

  /** Whether the log says this CA issued {@code serial} (an end-entity certificate or an intermediate CA). */
  public synchronized boolean isIssued(SerialNumber serial) {
    return notAfter.containsKey(serial);
  }

  public synchronized int revokedCount() {
    return revoked.size();
  }

  /** Entries the next full CRL lists before expired ones are dropped. */
  public synchronized int listedCount() {
    return listed.size();
  }

  /** The newest full CRL on the log (null before the first). Read without the lock: HTTP never waits for a build. */
  public PublishedCrl full() {
    return full;
  }

  public PublishedCrl delta() {
    return delta;
  }

  /** Full and delta CRLs share one sequence (RFC 5280 5.2.4), so the next number follows whichever is newer. */
  public synchronized long nextCrlNumber() {
    long last = Math.max(full == null ? 0 : full.event().crlNumber(), delta == null ? 0 : delta.event().crlNumber());
    return last + 1;
  }

  /** What is due at {@code now}; the answer depends only on the log and the clock, so every instance agrees. */
  public synchronized CrlPlan plan(Instant now, CrlPolicy policy) {
    if (!canSign()) {
      return CrlPlan.NONE;
    }
    if (full == null
        || !now.isBefore(full.event().nextUpdate().minus(policy.refreshBefore()))
        || !full.held() // travelled by reference and this instance lost the bytes (a restart): it cannot serve it
        || hasExpiredAt(now, policy.keepExpired())) {
      return CrlPlan.FULL;
    }
    boolean deltaStale = delta == null
        || !delta.held()
        || delta.event().baseCrlNumber() < full.event().crlNumber()
        || !now.isBefore(delta.event().nextUpdate().minus(policy.refreshBefore()));
    boolean batchReady = !pending.isEmpty() && (changedAt == null || !now.isBefore(changedAt.plus(policy.batchDelay())));
    if (batchReady) {
      boolean small = listed.size() < policy.deltaFrom();
      boolean fullOld = !now.isBefore(full.event().thisUpdate().plus(policy.fullInterval()));
      return small || fullOld ? CrlPlan.FULL : CrlPlan.DELTA;
    }
    return deltaStale ? CrlPlan.DELTA : CrlPlan.NONE;
  }

  /**
   * Signs what {@code plan} asks for at {@code thisUpdate}: a full CRL (after dropping entries expired longer than
   * the keep time) followed by a delta on it, or a delta on the current full CRL; every revocation the feed has
   * not announced yet is announced with the first of them.
   */
  public synchronized Issue prepare(CrlPlan plan, Instant thisUpdate, CrlPolicy policy, Signer signer) {
    List<Signed> crls = new ArrayList<>(2);
    long number = nextCrlNumber();
    long base;
    if (plan == CrlPlan.FULL) {
      dropExpired(thisUpdate, policy.keepExpired());
      crls.add(sign(signer, new Draft(number, null, listed)));
      base = number;
      number++;
    } else if (plan == CrlPlan.DELTA && full != null) {
      base = full.event().crlNumber();
    } else {
      throw new IllegalStateException("nothing to prepare for plan " + plan);
    }
    crls.add(sign(signer, new Draft(number, base, deltaEntries(base, thisUpdate, policy))));
    long announcedIn = crls.get(0).crlNumber();
    List<RevocationPublished> announced = new ArrayList<>(Math.min(pending.size(), MAX_ANNOUNCED));
    for (SerialNumber serial : pending) {
      if (announced.size() == MAX_ANNOUNCED) {
        break; // a backlog (a log from before the feed existed) is announced over the next passes
      }
      CertificateRevoked e = revoked.get(serial).event;
      announced.add(new RevocationPublished(caId, serial, e.reason(), e.revokedAt(), e.invalidityDate(), announcedIn));
    }
    return new Issue(crls, announced);
  }

  /** Keeps the DER of a CRL sent by reference until its event is read back, so this instance can serve it. */
  public synchronized void builtHere(long crlNumber, Built built) {
    builtHere.put(crlNumber, built);
  }

  /** A write that failed: those CRLs were never published, so their bytes must never be served. */
  public synchronized void notPublished(List<Long> crlNumbers) {
    crlNumbers.forEach(builtHere::remove);
  }

  private static Signed sign(Signer signer, Draft draft) {
    return new Signed(draft.crlNumber(), draft.baseCrlNumber(), draft.entries().size(), signer.sign(draft));
  }

  /** What full CRL {@code base} cannot list: revocations first listed after it, and those not listed yet. */
  private CrlEntries deltaEntries(long base, Instant thisUpdate, CrlPolicy policy) {
    CrlEntries entries = new CrlEntries();
    for (List<SerialNumber> serials : byFirstCrl.tailMap(base, false).values()) {
      serials.forEach(serial -> addUnexpired(entries, serial, thisUpdate, policy));
    }
    pending.forEach(serial -> addUnexpired(entries, serial, thisUpdate, policy));
    return entries;
  }

  private void addUnexpired(CrlEntries entries, SerialNumber serial, Instant thisUpdate, CrlPolicy policy) {
    Instant until = notAfter.get(serial);
    if (until == null || thisUpdate.isBefore(until.plus(policy.keepExpired()))) {
      CertificateRevoked e = revoked.get(serial).event;
      entries.add(serial.toBigInteger(), e.revokedAt(), e.reason().code(), e.invalidityDate());
    }
  }

  private boolean hasExpiredAt(Instant now, Duration keepExpired) {
    return !expiries.isEmpty() && !now.isBefore(expiries.firstKey().plus(keepExpired));
  }

  /** RFC 5280 5.1.2.6 lets a CRL drop certificates once they expired; a certificate of unknown expiry stays. */
  private void dropExpired(Instant thisUpdate, Duration keepExpired) {
    while (hasExpiredAt(thisUpdate, keepExpired)) {
      for (SerialNumber serial : expiries.pollFirstEntry().getValue()) {
        listed.remove(serial.toBigInteger());
      }
    }
  }

  private static X509Certificate parse(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("the CA certificate in ca-created is not a certificate", e);
    }
  }
}
