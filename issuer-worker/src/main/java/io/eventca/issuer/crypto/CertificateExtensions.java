package io.eventca.issuer.crypto;

import io.eventca.custody.SignatureAlgorithms;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ids.CaId;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/** The parts every certificate a CA of this issuer signs shares, whether it certifies an end entity or another CA. */
public final class CertificateExtensions {
  private CertificateExtensions() {}

  /** Where crl-publisher serves the CRL of {@code caId}; a certificate points at its issuer's. */
  public static String crlUrl(String crlBaseUrl, CaId caId) {
    return trimmed(crlBaseUrl) + "/crls/" + caId.value() + ".crl";
  }

  /** The issuer's delta CRL, so relying parties that fetch deltas learn of a revocation before the next full CRL. */
  public static String deltaCrlUrl(String crlBaseUrl, CaId caId) {
    return trimmed(crlBaseUrl) + "/crls/" + caId.value() + "-delta.crl";
  }

  /** One responder for every CA: crl-publisher finds the CA from the request's CertID, not from the URL. */
  public static String ocspUrl(String crlBaseUrl) {
    return trimmed(crlBaseUrl) + "/ocsp";
  }

  /**
   * The three ways a relying party can learn that a certificate of {@code issuer} is revoked, all served by
   * crl-publisher at {@code crlBaseUrl}: the full CRL, the delta CRL and OCSP. RFC 5280 requires all three non-critical.
   */
  public static void addRevocationPointers(ExtensionsGenerator extensions, String crlBaseUrl, CaId issuer) throws IOException {
    extensions.addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint(crlUrl(crlBaseUrl, issuer)));
    extensions.addExtension(Extension.freshestCRL, false, crlDistributionPoint(deltaCrlUrl(crlBaseUrl, issuer)));
    extensions.addExtension(Extension.authorityInfoAccess, false, ocspAccess(ocspUrl(crlBaseUrl)));
  }

  public static AuthorityInformationAccess ocspAccess(String url) {
    return new AuthorityInformationAccess(
        new AccessDescription(AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, url)));
  }

  private static String trimmed(String baseUrl) {
    return baseUrl.replaceAll("/+$", "");
  }

  public static CRLDistPoint crlDistributionPoint(String url) {
    GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url));
    return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(where), null, null)});
  }

  /** The issuer's own subject key id, so path building finds it; computed from its key if it carries none. */
  public static AuthorityKeyIdentifier authorityKeyId(X509CertificateHolder issuer) {
    Extension issuerSki = issuer.getExtension(Extension.subjectKeyIdentifier);
    if (issuerSki != null) {
      return new AuthorityKeyIdentifier(SubjectKeyIdentifier.getInstance(issuerSki.getParsedValue()).getKeyIdentifier());
    }
    return utils().createAuthorityKeyIdentifier(issuer.getSubjectPublicKeyInfo());
  }

  public static SubjectKeyIdentifier subjectKeyId(SubjectPublicKeyInfo key) {
    return utils().createSubjectKeyIdentifier(key);
  }

  /** {@code digest} with the issuer's key type, as {@link io.eventca.lint.LintedSigner} will sign. */
  public static AlgorithmIdentifier signatureAlgorithm(String digest, KeyAlgorithm issuerKey) {
    return new DefaultSignatureAlgorithmIdentifierFinder().find(SignatureAlgorithms.jcaName(digest, issuerKey.name()));
  }

  private static JcaX509ExtensionUtils utils() {
    try {
      return new JcaX509ExtensionUtils();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 (for key identifiers) is missing from the JDK", e);
    }
  }
}
