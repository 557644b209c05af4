package io.eventca.ca.projection;

import io.eventca.ca.model.CaRecord;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.cert.CertificateIssued;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * What the projection can tell about a fact's origin (issue 11, forged facts), before it believes it: a certificate
 * fact whose certificate is not what the fact says, or not signed by the CA it names; a CaCreated whose root does not
 * sign itself, whose intermediate its parent did not sign, that names another subject than its CaCreationRequested, or
 * that would replace a CA's certificate. ca-service holds no key, so a root self-signed by a forger's own key with a
 * matching request passes here; the signing services refuse to sign for it (custody proves no key for it).
 */
final class FactChecks {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private FactChecks() {}

  /** @return why the CaCreated is not believed, or null */
  static String caCreated(CaCreated e, X509CertificateHolder certificate, CaRecord row, CaRecord parent) {
    if (certificate == null || !certificate.getSerialNumber().equals(e.serialNumber().toBigInteger())) {
      return "its certificate cannot be read or has another serial than the fact says";
    }
    // The first believed certificate of a CA stands, whatever was read before it: two CaCreated can only be told apart
    // by order, and the order of a replay is the log's, so "first" must not depend on whether the request came yet.
    if (row != null && row.certificatePem != null && !row.serialNumber.equals(e.serialNumber().hex())) {
      return "CA " + e.caId() + " already has certificate " + row.serialNumber + "; a second CaCreated cannot replace it";
    }
    if (e.parentCaId() == null && !signedBy(certificate, certificate)) {
      return "its root certificate does not verify with its own key";
    }
    if (e.parentCaId() != null && parent != null && parent.certificatePem != null
        && !signedBy(certificate, Certificates.parse(parent.certificatePem))) {
      return "its certificate does not verify with the certificate of its parent CA " + e.parentCaId();
    }
    return null;
  }

  /**
   * @return why the CertificateIssued is not believed, or null. A CA's certificates follow its CaCreated on one partition
   *     of eventca.issuance (both keyed by CA id), so one for a CA without a believed certificate here is not the issuer's.
   */
  static String certificateIssued(CertificateIssued e, CaRecord ca) {
    X509CertificateHolder certificate = Certificates.parse(e.certificatePem());
    if (certificate == null || !certificate.getSerialNumber().equals(e.serialNumber().toBigInteger())) {
      return "its certificate cannot be read or has another serial than the fact says";
    }
    if (ca == null || ca.certificatePem == null) {
      return "CA " + e.caId() + " has no certificate here: no believed CaCreated came before it on its partition";
    }
    if (!signedBy(certificate, Certificates.parse(ca.certificatePem))) {
      return "its certificate does not verify with the certificate of CA " + e.caId();
    }
    return null;
  }

  /**
   * Why a CA whose certificate and request are both known fails: a certificate for another common name. Not a refusal of
   * the CaCreated, because its request may come after it on another topic; in either order the CA ends FAILED alike.
   */
  static final String NOT_WHAT_WAS_REQUESTED = "its certificate names another common name than its CaCreationRequested";

  /** Whether the CN of the CA's certificate is the common name its request asked for. */
  static boolean matchesRequest(CaRecord row, X509CertificateHolder certificate) {
    RDN[] cns = certificate.getSubject().getRDNs(BCStyle.CN);
    return row.commonName != null && cns.length == 1 && cns[0].getFirst().getValue() instanceof ASN1String cn
        && cn.getString().equals(row.commonName);
  }

  /** PENDING until the CA's request and, for an intermediate, its parent's certificate are known; then active. */
  static CaRecord.Status status(CaRecord row, CaRecord parent) {
    if (row.status == CaRecord.Status.FAILED || row.certificatePem == null || row.requestedAt == null
        || (row.parentCaId != null && (parent == null || parent.certificatePem == null))) {
      return row.status == CaRecord.Status.FAILED ? CaRecord.Status.FAILED : CaRecord.Status.PENDING;
    }
    return row.retiredAt == null ? CaRecord.Status.ACTIVE : CaRecord.Status.RETIRED;
  }

  static boolean signedBy(X509CertificateHolder certificate, X509CertificateHolder issuer) {
    try {
      return issuer != null && certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC).build(issuer));
    } catch (Exception e) {
      return false;
    }
  }
}
