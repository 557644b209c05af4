package io.eventca.crl.ocsp;

import io.eventca.crl.sign.UsableKeys;
import io.eventca.crl.state.CaCrlState;
import io.eventca.custody.CaKeyCustody;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/** The CA signs its own answers (RFC 6960 4.2.2.2, first case): clients trust them with the CA certificate alone. */
final class CaKeySigning implements ResponseSigning {
  private final Supplier<CaKeyCustody> custody;
  private final UsableKeys usableKeys;

  /** @param custody read at each answer: the publisher opens custody only at start-up */
  CaKeySigning(Supplier<CaKeyCustody> custody) {
    this.custody = custody;
    this.usableKeys = new UsableKeys(custody);
  }

  @Override
  public boolean canSignFor(CaCrlState ca) {
    return usableKeys.usable(ca.caId(), ca.key(), ca.certificate());
  }

  @Override
  public Signer signerFor(CaCrlState ca, Instant now) {
    X509Certificate certificate = ca.certificate();
    return new Signer(
        custody.get().signer(ca.key(), ca.digest()),
        SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()),
        new X509CertificateHolder[0],
        certificate.getNotAfter().toInstant());
  }
}
