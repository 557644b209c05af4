package io.eventca.crl.ocsp;

import io.eventca.crl.state.CaCrlState;
import io.eventca.crl.state.CrlProjection;
import io.eventca.events.RevocationReason;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.ids.InvalidIdException;
import io.eventca.events.ids.SerialNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * An RFC 6960 OCSP responder answering from the same projection of the log as the CRLs, so OCSP and the CRL
 * never disagree for longer than the projection takes to read a revocation. Per CertID: revoked if the log
 * revoked the serial, good if the CA issued it, unknown otherwise.
 */
public final class OcspResponder {
  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(OcspResponder.class);
  private final IssuerIndex issuers;
  private final ResponseSigning signing;
  private final Duration validity;
  private final Clock clock;
  private final BooleanSupplier ready;

  /**
   * @param status the OCSPResponseStatus (OCSPRespBuilder.SUCCESSFUL, ...)
   * @param thisUpdate and {@code nextUpdate}: the window of a successful answer, null otherwise
   */
  public record Answer(byte[] der, int status, Instant thisUpdate, Instant nextUpdate) {}

  OcspResponder(CrlProjection projection, ResponseSigning signing, Duration validity, Clock clock, BooleanSupplier ready) {
    this.issuers = new IssuerIndex(projection);
    this.signing = signing;
    this.validity = validity;
    this.clock = clock;
    this.ready = ready;
  }

  public Answer respond(byte[] der) throws NotAnOcspRequestException {
    OCSPReq request = parse(der);
    Optional<Nonce> nonce = Nonce.of(request);
    if (nonce.isPresent() && nonce.get().malformed()) {
      return error(OCSPRespBuilder.MALFORMED_REQUEST);
    }
    if (!ready.getAsBoolean()) {
      // Before the log is replayed, "good" could be a revoked certificate whose revocation is not read yet.
      return error(OCSPRespBuilder.TRY_LATER);
    }
    Req[] asked = request.getRequestList();
    if (asked.length == 0) {
      return error(OCSPRespBuilder.MALFORMED_REQUEST);
    }
    Optional<CaCrlState> ca = issuers.find(asked[0].getCertID());
    for (int i = 1; i < asked.length && ca.isPresent(); i++) {
      // One response has one signer, and only a CA (or its delegate) speaks for its certificates.
      if (!issuers.find(asked[i].getCertID()).map(other -> other.caId().equals(ca.get().caId())).orElse(false)) {
        return error(OCSPRespBuilder.UNAUTHORIZED);
      }
    }
    if (ca.isEmpty()) {
      return error(OCSPRespBuilder.UNAUTHORIZED);
    }
    if (!ca.get().canSign()) {
      // The CA certificate and its key arrive on different topics: the key is only a moment away.
      return error(OCSPRespBuilder.TRY_LATER);
    }
    if (!signing.canSignFor(ca.get())) {
      // Not a moment away: this instance's custody cannot reach that key (UsableKeys has said which one, once).
      return error(OCSPRespBuilder.UNAUTHORIZED);
    }
    return answer(asked, ca.get(), nonce.filter(Nonce::echoed).map(Nonce::extension));
  }

  private Answer answer(Req[] asked, CaCrlState ca, Optional<Extension> nonce) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    ResponseSigning.Signer signer;
    try {
      signer = signing.signerFor(ca, now);
    } catch (io.eventca.lint.LintFailedException e) {
      // No responder certificate for this CA passes lint (an expired CA cannot certify one): nobody speaks for it here.
      LOG.debugf("no delegated OCSP responder for CA %s: %s", ca.caId(), e.getMessage());
      return error(OCSPRespBuilder.UNAUTHORIZED);
    }
    Instant nextUpdate = now.plus(validity).isAfter(signer.notAfter()) ? signer.notAfter() : now.plus(validity);
    try {
      BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(signer.publicKey(), sha1());
      for (Req one : asked) {
        CertificateID id = one.getCertID();
        Optional<CertificateRevoked> revoked = revocation(ca, id);
        CertificateStatus status = revoked.map(OcspResponder::revokedStatus).orElse(isIssued(ca, id) ? CertificateStatus.GOOD : new UnknownStatus());
        builder.addResponse(id, status, Date.from(now), Date.from(nextUpdate), revoked.map(OcspResponder::invalidityDate).orElse(null));
      }
      nonce.ifPresent(n -> builder.setResponseExtensions(new Extensions(n)));
      BasicOCSPResp basic = builder.build(signer.contentSigner(), signer.certificates(), Date.from(now));
      return new Answer(new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded(), OCSPRespBuilder.SUCCESSFUL, now, nextUpdate);
    } catch (OCSPException e) {
      throw new IllegalStateException("cannot build the OCSP response for CA " + ca.caId(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static OCSPReq parse(byte[] der) throws NotAnOcspRequestException {
    if (der == null || der.length == 0) {
      throw new NotAnOcspRequestException("the request is empty; send a DER OCSPRequest (RFC 6960 4.1.1)");
    }
    try {
      return new OCSPReq(der);
    } catch (IOException | RuntimeException e) {
      // BC reports malformed ASN.1 as IOException or as IllegalArgumentException/ClassCastException by structure.
      throw new NotAnOcspRequestException("the request is not a DER OCSPRequest (RFC 6960 4.1.1)");
    }
  }

  private static Optional<CertificateRevoked> revocation(CaCrlState ca, CertificateID id) {
    return serial(id).flatMap(ca::revocation);
  }

  private static boolean isIssued(CaCrlState ca, CertificateID id) {
    return serial(id).map(ca::isIssued).orElse(false);
  }

  /** A serial that cannot be a certificate's (zero, negative, over 20 octets) was never issued: unknown. */
  private static Optional<SerialNumber> serial(CertificateID id) {
    try {
      return Optional.of(SerialNumber.of(id.getSerialNumber()));
    } catch (InvalidIdException e) {
      return Optional.empty();
    }
  }

  /** The reason as on the CRL: RFC 5280 5.3.1 omits it for unspecified, and OCSP's revocationReason is that CRLReason. */
  private static CertificateStatus revokedStatus(CertificateRevoked revoked) {
    ASN1GeneralizedTime at = new ASN1GeneralizedTime(Date.from(revoked.revokedAt().truncatedTo(ChronoUnit.SECONDS)));
    CRLReason reason = revoked.reason() == RevocationReason.unspecified ? null : CRLReason.lookup(revoked.reason().code());
    return new RevokedStatus(new RevokedInfo(at, reason));
  }

  /** RFC 6960 4.4.7 lets a single response carry the CRL entry extensions; the invalidity date is the one we record. */
  private static Extensions invalidityDate(CertificateRevoked revoked) {
    if (revoked.invalidityDate() == null) {
      return null;
    }
    try {
      Date at = Date.from(revoked.invalidityDate().truncatedTo(ChronoUnit.SECONDS));
      return new Extensions(new Extension(Extension.invalidityDate, false, new ASN1GeneralizedTime(at).getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer error(int status) {
    try {
      return new Answer(new OCSPRespBuilder().build(status, null).getEncoded(), status, null, null);
    } catch (OCSPException | IOException e) {
      throw new IllegalStateException("cannot encode OCSP status " + status, e);
    }
  }

  private static DigestCalculator sha1() {
    try {
      return new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("SHA-1 (for the ResponderID) is missing from the JDK", e);
    }
  }
}
