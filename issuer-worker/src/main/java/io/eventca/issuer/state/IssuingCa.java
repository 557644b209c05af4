package io.eventca.issuer.state;

import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.CaId;
import java.time.Instant;
import org.bouncycastle.cert.X509CertificateHolder;

/** A CA this worker can sign for: its certificate (from CaCreated) and its wrapped key (from CaKeyStored). */
public record IssuingCa(CaCreated created, X509CertificateHolder certificate, CaKeyStored key) {

  public CaId caId() {
    return created.caId();
  }

  public Instant notBefore() {
    return certificate.getNotBefore().toInstant();
  }

  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  public boolean isActiveAt(Instant when) {
    return !when.isBefore(notBefore()) && when.isBefore(notAfter());
  }
}
