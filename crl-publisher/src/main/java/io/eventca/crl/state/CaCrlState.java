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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the log says about one CA's revocation, under one lock: its certificate and key (here), its revocations and
 * what its next full CRL lists ({@link RevocationList}), which revocations the fleet's feed has announced
 * ({@link FeedAnnouncements}), and its newest full and delta CRL ({@link PublishedCrls}); and from all of them, what
 * is due ({@link #plan}) and the CRLs to sign ({@link #prepare}).
 */
public final class CaCrlState {
  /** Feed records per transaction: bounds a transaction's size when a backlog of revocations is announced. */
  static final int MAX_ANNOUNCED = 10_000;

  private final CaId caId;
  private CaCreated created;
  private X509Certificate certificate;
  private CaKeyStored key;
  private final RevocationList revocations = new RevocationList();
  private final FeedAnnouncements feed = new FeedAnnouncements();
  private final PublishedCrls published = new PublishedCrls();

  /** A CRL's DER and its SHA-256: only the event with that very hash may be served with these bytes. */
  public record Built(byte[] der, String sha256) {}

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
    if (revocations.add(event)) {
      feed.revoked(event.serialNumber(), now);
    }
  }

  synchronized void apply(RevocationPublished event) {
    feed.published(event.serialNumber(), event.crlNumber(), revocations.contains(event.serialNumber()));
  }

  synchronized void issued(SerialNumber serial, Instant until) {
    revocations.issued(serial, until);
  }

  synchronized void apply(CrlPublished event) {
    published.apply(event);
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
    return revocations.revocation(serial);
  }

  /** Whether the log says this CA issued {@code serial} (an end-entity certificate or an intermediate CA). */
  public synchronized boolean isIssued(SerialNumber serial) {
    return revocations.isIssued(serial);
  }

  public synchronized int revokedCount() {
    return revocations.revokedCount();
  }

  /** Entries the next full CRL lists before expired ones are dropped. */
  public synchronized int listedCount() {
    return revocations.listed().size();
  }

  /** The newest full CRL on the log (null before the first). Read without the lock: HTTP never waits for a build. */
  public PublishedCrl full() {
    return published.full();
  }

  public PublishedCrl delta() {
    return published.delta();
  }

  /** Full and delta CRLs share one sequence (RFC 5280 5.2.4), so the next number follows whichever is newer. */
  public synchronized long nextCrlNumber() {
    return published.nextCrlNumber();
  }

  /** What is due at {@code now}; the answer depends only on the log and the clock, so every instance agrees. */
  public synchronized CrlPlan plan(Instant now, CrlPolicy policy) {
    if (!canSign()) {
      return CrlPlan.NONE;
    }
    PublishedCrl full = published.full();
    PublishedCrl delta = published.delta();
    if (full == null
        || !now.isBefore(full.event().nextUpdate().minus(policy.refreshBefore()))
        || !full.held() // travelled by reference and this instance lost the bytes (a restart): it cannot serve it
        || revocations.hasExpiredAt(now, policy.keepExpired())) {
      return CrlPlan.FULL;
    }
    boolean deltaStale = delta == null
        || !delta.held()
        || delta.event().baseCrlNumber() < full.event().crlNumber()
        || !now.isBefore(delta.event().nextUpdate().minus(policy.refreshBefore()));
    if (feed.batchReady(now, policy.batchDelay())) {
      boolean small = revocations.listed().size() < policy.deltaFrom();
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
      revocations.dropExpired(thisUpdate, policy.keepExpired());
      crls.add(sign(signer, new Draft(number, null, revocations.listed())));
      base = number;
      number++;
    } else if (plan == CrlPlan.DELTA && published.full() != null) {
      base = published.full().event().crlNumber();
    } else {
      throw new IllegalStateException("nothing to prepare for plan " + plan);
    }
    crls.add(sign(signer, new Draft(number, base, deltaEntries(base, thisUpdate, policy))));
    long announcedIn = crls.get(0).crlNumber();
    List<RevocationPublished> announced = new ArrayList<>(Math.min(feed.pending().size(), MAX_ANNOUNCED));
    for (SerialNumber serial : feed.pending()) {
      if (announced.size() == MAX_ANNOUNCED) {
        break; // a backlog (a log from before the feed existed) is announced over the next passes
      }
      CertificateRevoked e = revocations.revocation(serial).orElseThrow();
      announced.add(new RevocationPublished(caId, serial, e.reason(), e.revokedAt(), e.invalidityDate(), announcedIn));
    }
    return new Issue(crls, announced);
  }

  /** Keeps the DER of a CRL sent by reference until its event is read back, so this instance can serve it. */
  public synchronized void builtHere(long crlNumber, Built built) {
    published.builtHere(crlNumber, built);
  }

  /** A write that failed: those CRLs were never published, so their bytes must never be served. */
  public synchronized void notPublished(List<Long> crlNumbers) {
    published.notPublished(crlNumbers);
  }

  private static Signed sign(Signer signer, Draft draft) {
    return new Signed(draft.crlNumber(), draft.baseCrlNumber(), draft.entries().size(), signer.sign(draft));
  }

  /** What full CRL {@code base} cannot list: revocations first listed after it, and those not listed yet. */
  private CrlEntries deltaEntries(long base, Instant thisUpdate, CrlPolicy policy) {
    CrlEntries entries = new CrlEntries();
    for (List<SerialNumber> serials : feed.announcedAfter(base)) {
      serials.forEach(serial -> revocations.addUnexpired(entries, serial, thisUpdate, policy.keepExpired()));
    }
    feed.pending().forEach(serial -> revocations.addUnexpired(entries, serial, thisUpdate, policy.keepExpired()));
    return entries;
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
