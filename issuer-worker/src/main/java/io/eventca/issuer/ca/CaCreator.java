package io.eventca.issuer.ca;

import io.eventca.checks.subject.Subjects;
import io.eventca.custody.CaKeyCustody;
import io.eventca.custody.GeneratedKey;
import io.eventca.events.Event;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.ids.SerialNumber;
import io.eventca.checks.RequestProblem;
import io.eventca.issuer.crypto.Pem;
import io.eventca.issuer.issue.IssuanceCycle;
import io.eventca.issuer.state.CaDirectory;
import io.eventca.issuer.state.IssuingCa;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jboss.logging.Logger;

/**
 * Answers a CaCreationRequested: a new key made by custody (inside the token for PKCS#11, so it never exists
 * here), its certificate (self-signed through custody for a root, issued by the parent for an intermediate). The answer is two events that go out in one
 * transaction: CaKeyStored (the wrapped key) and CaCreated (the certificate); or a single CaCreationFailed.
 */
public final class CaCreator {
  private static final Logger LOG = Logger.getLogger(CaCreator.class);

  private final CaKeyCustody custody;
  private final Clock clock;
  private final IssuanceCycle.CatchUp catchUp;
  private final IntermediateIssuer intermediates;
  private final CustodyProofs proofs;

  /**
   * @param crlBaseUrl where the parent's CRL of an intermediate is published
   * @param catchUp brings the CA state up to the log's end before a parent is called unknown
   */
  public CaCreator(CaKeyCustody custody, Clock clock, String crlBaseUrl, IssuanceCycle.CatchUp catchUp) {
    this.custody = custody;
    this.clock = clock;
    this.catchUp = catchUp;
    this.intermediates = new IntermediateIssuer(custody, crlBaseUrl);
    this.proofs = new CustodyProofs(custody);
  }

  public List<Event> create(CaCreationRequested request, CaDirectory directory) {
    try {
      CaParameters parameters = CaParameters.of(request);
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      // Every check on the parent runs before a key exists: a refused request leaves nothing behind.
      IssuingCa parent =
          request.parentCaId() == null ? null : ParentCa.check(request.parentCaId(), parameters, now, directory, catchUp);
      if (parent != null) {
        proofs.require(parent, directory);
      }
      GeneratedKey key = custody.generate(request.caId(), parameters.keyAlgorithm(), parameters.keySize());
      X509CertificateHolder certificate =
          parent == null
              ? CaCertificateFactory.selfSigned(parameters.subject(), key.publicKey(), custody.signer(key.stored(), parameters.digest()),
                  parameters.validityDays(), parameters.pathLength(), now)
              : intermediates.issue(
                  parameters, SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()), parent, now, directory);
      CaKeyStored stored = key.stored();
      CaCreated created = created(request, parameters, certificate);
      LOG.infof("CA %s created: %s %d, %s, serial %s, %s", request.caId(), parameters.keyAlgorithm(), parameters.keySize(),
          parameters.digest(), created.serialNumber(), parent == null ? "root" : "below CA " + parent.caId());
      return List.of(stored, created);
    } catch (RequestProblem e) {
      LOG.infof("CA %s not created: %s (%s)", request.caId(), e.code(), e.detail());
      return List.of(new CaCreationFailed(request.caId(), e.code().code(), e.detail()));
    }
  }

  private static CaCreated created(CaCreationRequested request, CaParameters parameters, X509CertificateHolder certificate) {
    return new CaCreated(
        request.caId(),
        Subjects.render(certificate.getSubject()),
        SerialNumber.of(certificate.getSerialNumber()),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        parameters.keyAlgorithm(),
        parameters.keySize(),
        parameters.digest(),
        Pem.of(certificate),
        request.parentCaId(),
        parameters.pathLength(),
        request.sha1OptIn());
  }
}
