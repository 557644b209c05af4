package io.eventca.issuer.issue;

import io.eventca.checks.csr.CheckedCsr;
import io.eventca.issuer.crypto.CertificateExtensions;
import io.eventca.issuer.profile.Profile;
import io.eventca.issuer.state.IssuingCa;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/**
 * Assembles the to-be-signed end-entity certificate: subject (the request's, else the CSR's) and key from
 * step 1, names from {@link SubjectAltNames}, usages from the profile, key ids, and where the CA publishes revocation
 * (CRL, delta CRL, OCSP). Nothing here signs; the result goes to the linter.
 */
public final class EndEntityTbs {
  private EndEntityTbs() {}

  /** The parts of a certificate decided in step 1, before a serial is drawn. */
  public record Draft(
      IssuingCa ca, CheckedCsr csr, X500Name subject, Profile profile, List<GeneralName> subjectAltNames, String digest,
      Instant notBefore, Instant notAfter, String crlBaseUrl) {}

  public static TBSCertificate build(Draft draft, BigInteger serial) {
    V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
    generator.setSerialNumber(new ASN1Integer(serial));
    generator.setSignature(CertificateExtensions.signatureAlgorithm(draft.digest(), draft.ca().created().keyAlgorithm()));
    generator.setIssuer(draft.ca().certificate().getSubject());
    generator.setStartDate(new Time(Date.from(draft.notBefore())));
    generator.setEndDate(new Time(Date.from(draft.notAfter())));
    generator.setSubject(draft.subject());
    generator.setSubjectPublicKeyInfo(draft.csr().publicKey());
    generator.setExtensions(extensions(draft));
    return generator.generateTBSCertificate();
  }

  private static Extensions extensions(Draft draft) {
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      extensions.addExtension(Extension.keyUsage, true, draft.profile().keyUsageFor(draft.csr().keyAlgorithm()));
      extensions.addExtension(Extension.extendedKeyUsage, false, draft.profile().extendedKeyUsage());
      extensions.addExtension(
          Extension.subjectAlternativeName, false, new GeneralNames(draft.subjectAltNames().toArray(GeneralName[]::new)));
      extensions.addExtension(Extension.subjectKeyIdentifier, false, CertificateExtensions.subjectKeyId(draft.csr().publicKey()));
      extensions.addExtension(Extension.authorityKeyIdentifier, false, CertificateExtensions.authorityKeyId(draft.ca().certificate()));
      CertificateExtensions.addRevocationPointers(extensions, draft.crlBaseUrl(), draft.ca().caId());
      return extensions.generate();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the certificate extensions", e);
    }
  }
}
