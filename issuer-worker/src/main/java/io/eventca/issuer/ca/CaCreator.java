package io.eventca.issuer.ca;

import io.eventca.custody.CaKeyCustody;
import io.eventca.events.Event;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.SerialNumber;
import io.eventca.issuer.Rejection;
import io.eventca.issuer.crypto.Pem;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jboss.logging.Logger;

/**
 * Answers a CaCreationRequested: a new key pair, its self-signed certificate, and the key handed to custody.
 * The answer is two events that go out in one transaction: CaKeyStored (the wrapped key) and CaCreated
 * (the certificate); or a single CaCreationFailed.
 */
public final class CaCreator {
  private static final Logger LOG = Logger.getLogger(CaCreator.class);

  private final CaKeyCustody custody;
  private final Clock clock;

  public CaCreator(CaKeyCustody custody, Clock clock) {
    this.custody = custody;
    this.clock = clock;
  }

  public List<Event> create(CaCreationRequested request) {
    CaParameters parameters;
    try {
      parameters = CaParameters.of(request);
    } catch (Rejection e) {
      LOG.infof("CA %s not created: %s (%s)", request.caId(), e.code(), e.detail());
      return List.of(new CaCreationFailed(request.caId(), e.code(), e.detail()));
    }
    KeyPair keys = KeyPairs.generate(parameters.keyAlgorithm(), parameters.keySize());
    X509CertificateHolder certificate =
        CaCertificateFactory.selfSigned(
            parameters.subject(), keys, parameters.digest(), parameters.validityDays(), clock.instant());
    CaKeyStored stored = custody.store(request.caId(), keys);
    CaCreated created =
        new CaCreated(
            request.caId(),
            certificate.getSubject().toString(),
            SerialNumber.of(certificate.getSerialNumber()),
            certificate.getNotBefore().toInstant(),
            certificate.getNotAfter().toInstant(),
            parameters.keyAlgorithm(),
            parameters.keySize(),
            parameters.digest(),
            Pem.of(certificate));
    LOG.infof("CA %s created: %s %d, %s, serial %s", request.caId(), parameters.keyAlgorithm(), parameters.keySize(),
        parameters.digest(), created.serialNumber());
    return List.of(stored, created);
  }
}
