package io.eventca.crl.ocsp;

import io.eventca.crl.sign.UsableKeys;
import io.eventca.crl.state.CaCrlState;
import io.eventca.custody.CaKeyCustody;
import io.eventca.custody.SignatureAlgorithms;
import io.eventca.events.ids.CaId;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jboss.logging.Logger;

/**
 * Per CA, an EC P-256 responder key that lives only in this process (never logged, never on Kafka: a restart
 * simply makes a new one) and a certificate the CA key signs for it; the CA key is used once per renewal
 * instead of once per answer. Renewed when less than half of its validity remains, so an answer never
 * outlives the certificate that signed it.
 */
final class DelegatedSigning implements ResponseSigning {
  private static final Logger LOG = Logger.getLogger(DelegatedSigning.class);
  private static final String RESPONDER_DIGEST = "sha256";

  private final Supplier<CaKeyCustody> custody;
  private final UsableKeys usableKeys;
  private final Duration validity;
  private final Map<CaId, Responder> responders = new ConcurrentHashMap<>();

  /** Deliberately no record: a record's toString would print the key pair. */
  private static final class Responder {
    private final KeyPair keys;
    private final X509CertificateHolder certificate;
    private final Instant renewAt;

    Responder(KeyPair keys, X509CertificateHolder certificate) {
      this.keys = keys;
      this.certificate = certificate;
      Instant from = certificate.getNotBefore().toInstant();
      Instant until = certificate.getNotAfter().toInstant();
      this.renewAt = from.plus(Duration.between(from, until).dividedBy(2));
    }
  }

  DelegatedSigning(Supplier<CaKeyCustody> custody, Duration validity) {
    this.custody = custody;
    this.usableKeys = new UsableKeys(custody);
    this.validity = validity;
  }

  /** Asked even while a responder certificate is still valid: it was certified by a key this instance must hold. */
  @Override
  public boolean canSignFor(CaCrlState ca) {
    return usableKeys.usable(ca.caId(), ca.key(), ca.certificate());
  }

  @Override
  public Signer signerFor(CaCrlState ca, Instant now) {
    Responder responder =
        responders.compute(ca.caId(), (id, current) -> current != null && now.isBefore(current.renewAt) ? current : newResponder(ca, now));
    return new Signer(
        SignatureAlgorithms.signer(responder.keys.getPrivate(), RESPONDER_DIGEST),
        responder.certificate.getSubjectPublicKeyInfo(),
        new X509CertificateHolder[] {responder.certificate},
        responder.certificate.getNotAfter().toInstant());
  }

  private Responder newResponder(CaCrlState ca, Instant now) {
    KeyPair keys = p256();
    X509CertificateHolder certificate = ResponderCertificates.issue(
        ca.certificate(), custody.get().signer(ca.key(), ca.digest()), ca.caId().value(), keys.getPublic(), now, validity);
    LOG.infof("OCSP responder certificate %s for CA %s, valid until %s",
        certificate.getSerialNumber().toString(16), ca.caId(), certificate.getNotAfter().toInstant());
    return new Responder(keys, certificate);
  }

  private static KeyPair p256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make EC P-256 keys", e);
    }
  }
}
