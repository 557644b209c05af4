package io.eventca.crl.state;

import io.eventca.crl.sign.Pem;
import io.eventca.events.crl.CrlPublished;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One CA's newest full and delta CRL as the log has them, and the bytes of CRLs this instance built that travel by
 * reference (kept until the log hands their event back). Full and delta CRLs share one number sequence (RFC 5280
 * 5.2.4). The two CRLs are read without a lock (HTTP never waits for a build); the rest under {@link CaCrlState}'s.
 */
final class PublishedCrls {
  private volatile PublishedCrl full;
  private volatile PublishedCrl delta;
  private final Map<Long, CaCrlState.Built> builtHere = new HashMap<>();

  /** CRL numbers only go up: an older or equal number read late (another instance, a replay) is ignored. */
  void apply(CrlPublished event) {
    PublishedCrl current = event.isDelta() ? delta : full;
    if (current != null && event.crlNumber() <= current.event().crlNumber()) {
      return;
    }
    CaCrlState.Built built = builtHere.remove(event.crlNumber());
    byte[] der = built != null && built.sha256().equals(event.crlSha256()) ? built.der() : null;
    if (der == null && event.crlPem() != null) {
      der = Pem.derOfCrl(event.crlPem());
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

  PublishedCrl full() {
    return full;
  }

  PublishedCrl delta() {
    return delta;
  }

  long nextCrlNumber() {
    long last = Math.max(full == null ? 0 : full.event().crlNumber(), delta == null ? 0 : delta.event().crlNumber());
    return last + 1;
  }

  void builtHere(long crlNumber, CaCrlState.Built built) {
    builtHere.put(crlNumber, built);
  }

  void notPublished(List<Long> crlNumbers) {
    crlNumbers.forEach(builtHere::remove);
  }
}
