package io.eventca.issuer.issue;

import io.eventca.custody.SignatureAlgorithms;
import io.eventca.issuer.profile.Profile;
import io.eventca.issuer.state.IssuingCa;
import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Assembles the to-be-signed end-entity certificate: subject and key from the CSR, names from
 * {@link SubjectAltNames}, usages from the profile, key ids, and the CA's CRL distribution point. Nothing
 * here signs; the result goes to the linter.
 */
public final class EndEntityTbs {
  private EndEntityTbs() {}

  /** The parts of a certificate decided in step 1, before a serial is drawn. */
  public record Draft(
      IssuingCa ca, ValidatedCsr csr, Profile profile, List<GeneralName> subjectAltNames, Instant notBefore,
      Instant notAfter, String crlUrl) {}

  public static TBSCertificate build(Draft draft, BigInteger serial) {
    V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
    generator.setSerialNumber(new ASN1Integer(serial));
    generator.setSignature(signatureAlgorithm(draft.ca()));
    generator.setIssuer(draft.ca().certificate().getSubject());
    generator.setStartDate(new Time(Date.from(draft.notBefore())));
    generator.setEndDate(new Time(Date.from(draft.notAfter())));
    generator.setSubject(draft.csr().subject());
    generator.setSubjectPublicKeyInfo(draft.csr().publicKey());
    generator.setExtensions(extensions(draft));
    return generator.generateTBSCertificate();
  }

  /** The CA signs with the digest it was created with. */
  static AlgorithmIdentifier signatureAlgorithm(IssuingCa ca) {
    return new DefaultSignatureAlgorithmIdentifierFinder()
        .find(SignatureAlgorithms.jcaName(ca.digest(), ca.created().keyAlgorithm().name()));
  }

  private static org.bouncycastle.asn1.x509.Extensions extensions(Draft draft) {
    try {
      JcaX509ExtensionUtils keyIds = new JcaX509ExtensionUtils();
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      extensions.addExtension(Extension.keyUsage, true, draft.profile().keyUsageFor(draft.csr().keyAlgorithm()));
      extensions.addExtension(Extension.extendedKeyUsage, false, draft.profile().extendedKeyUsage());
      extensions.addExtension(
          Extension.subjectAlternativeName, false, new GeneralNames(draft.subjectAltNames().toArray(GeneralName[]::new)));
      extensions.addExtension(Extension.subjectKeyIdentifier, false, keyIds.createSubjectKeyIdentifier(draft.csr().publicKey()));
      extensions.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId(draft.ca(), keyIds));
      extensions.addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint(draft.crlUrl()));
      return extensions.generate();
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot encode the certificate extensions", e);
    }
  }

  private static AuthorityKeyIdentifier authorityKeyId(IssuingCa ca, JcaX509ExtensionUtils keyIds) {
    Extension caSki = ca.certificate().getExtension(Extension.subjectKeyIdentifier);
    if (caSki != null) {
      return new AuthorityKeyIdentifier(SubjectKeyIdentifier.getInstance(caSki.getParsedValue()).getKeyIdentifier());
    }
    return keyIds.createAuthorityKeyIdentifier(ca.certificate().getSubjectPublicKeyInfo());
  }

  private static CRLDistPoint crlDistributionPoint(String url) {
    GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url));
    return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(where), null, null)});
  }
}
