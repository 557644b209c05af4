package io.eventca.crl.state;

import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
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
import java.util.Map;
import java.util.TreeMap;

/** What the log says about one CA's revocation: its certificate and key, its revocations, its newest CRL. */
public final class CaCrlState {
  private final CaId caId;
  private CaCreated created;
  private X509Certificate certificate;
  private CaKeyStored key;
  private final Map<SerialNumber, CertificateRevoked> revoked = new TreeMap<>(java.util.Comparator.comparing(SerialNumber::toBigInteger));
  /** notAfter of every certificate this CA issued, so expired entries can leave the CRL. */
  private final Map<SerialNumber, Instant> notAfter = new java.util.HashMap<>();
  private CrlPublished latest;
  private Instant changedAt;

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
    if (revoked.putIfAbsent(event.serialNumber(), event) == null) {
      changedAt = now;
    }
  }

  synchronized void issued(SerialNumber serial, Instant until) {
    notAfter.put(serial, until);
  }

  /** CRL numbers only go up: an older or equal number read late (another instance, a replay) is ignored. */
  synchronized void apply(CrlPublished event) {
    if (latest == null || event.crlNumber() > latest.crlNumber()) {
      latest = event;
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

  public synchronized List<CertificateRevoked> revoked() {
    return new ArrayList<>(revoked.values());
  }

  /**
   * The entries a CRL made at {@code now} lists: every revocation, except of certificates that expired more than
   * {@code keepExpired} ago (RFC 5280 5.1.2.6 lets a CRL drop them; a certificate of unknown expiry stays).
   */
  public synchronized List<CertificateRevoked> entriesAt(Instant now, java.time.Duration keepExpired) {
    List<CertificateRevoked> out = new ArrayList<>();
    for (CertificateRevoked entry : revoked.values()) {
      Instant until = notAfter.get(entry.serialNumber());
      if (until == null || now.isBefore(until.plus(keepExpired))) {
        out.add(entry);
      }
    }
    return out;
  }

  public synchronized CrlPublished latest() {
    return latest;
  }

  public synchronized long nextCrlNumber() {
    return latest == null ? 1 : latest.crlNumber() + 1;
  }

  /**
   * Whether a new CRL is due: there is none yet, the newest one lacks revocations that have waited at least
   * {@code batchDelay}, or it reaches nextUpdate within {@code refreshBefore}.
   */
  public synchronized boolean isDue(Instant now, java.time.Duration batchDelay, java.time.Duration refreshBefore) {
    return isDue(now, batchDelay, refreshBefore, java.time.Duration.ofDays(36500));
  }

  /** As above, where an entry leaving the CRL because its certificate expired also makes a new CRL due at once. */
  public synchronized boolean isDue(
      Instant now, java.time.Duration batchDelay, java.time.Duration refreshBefore, java.time.Duration keepExpired) {
    if (!canSign()) {
      return false;
    }
    if (latest == null) {
      return true;
    }
    boolean behind = latest.revokedCount() != entriesAt(now, keepExpired).size();
    if (behind && (changedAt == null || !now.isBefore(changedAt.plus(batchDelay)))) {
      return true;
    }
    return !now.isBefore(latest.nextUpdate().minus(refreshBefore));
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
