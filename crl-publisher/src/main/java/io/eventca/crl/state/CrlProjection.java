package io.eventca.crl.state;

import io.eventca.events.Event;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.crl.RevocationPublished;
import io.eventca.events.ids.CaId;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory read model of the crl-publisher, rebuilt from the log at every start: applying the same
 * events again changes nothing, so replays and duplicates are harmless.
 */
public final class CrlProjection {
  private final Map<CaId, CaCrlState> cas = new ConcurrentHashMap<>();
  private final Clock clock;

  public CrlProjection(Clock clock) {
    this.clock = clock;
  }

  public void apply(Event event) {
    // Java 17 has no pattern switch; requests, issuances and rejections do not change a CRL.
    if (event instanceof CaCreated e) {
      ca(e.caId()).apply(e);
      if (e.parentCaId() != null) {
        // An intermediate is also a certificate its parent issued (and revokes on the parent's CRL).
        ca(e.parentCaId()).issued(e.serialNumber(), e.notAfter());
      }
    } else if (event instanceof CaKeyStored e) {
      ca(e.caId()).apply(e);
    } else if (event instanceof io.eventca.events.cert.CertificateIssued e) {
      ca(e.caId()).issued(e.serialNumber(), e.notAfter());
    } else if (event instanceof CertificateRevoked e) {
      ca(e.caId()).apply(e, clock.instant());
    } else if (event instanceof CrlPublished e) {
      ca(e.caId()).apply(e);
    } else if (event instanceof RevocationPublished e) {
      ca(e.caId()).apply(e);
    }
  }

  public Optional<CaCrlState> find(CaId caId) {
    return Optional.ofNullable(cas.get(caId));
  }

  public Collection<CaCrlState> all() {
    return List.copyOf(cas.values());
  }

  private CaCrlState ca(CaId caId) {
    return cas.computeIfAbsent(caId, CaCrlState::new);
  }
}
