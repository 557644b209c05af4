package io.eventca.crl.ocsp;

import io.eventca.events.KeyAlgorithm;
import io.eventca.lint.LintContext;
import io.eventca.lint.LintProfile;
import io.eventca.lint.LintedSigner;
import io.eventca.lint.Linter;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;

/**
 * The certificate a CA gives its delegated OCSP responder (RFC 6960 4.2.2.2): id-kp-OCSPSigning as its only
 * extended key usage, so it can sign nothing else, and id-pkix-ocsp-nocheck, because nobody could check the
 * revocation of the responder's own certificate except by asking the responder. Linted before the CA key signs it
 * ({@link Linter#forOcspResponders()}), as every certificate eventca makes.
 */
final class ResponderCertificates {
  /** Absorbs clock skew between this service and its clients. */
  static final Duration BACKDATE = Duration.ofMinutes(1);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Linter LINTER = Linter.forOcspResponders();

  private ResponderCertificates() {}

  /** @param caSigner the CA key's signer from custody */
  static X509CertificateHolder issue(
      X509Certificate ca, ContentSigner caSigner, String caName, PublicKey responderKey, Instant now, Duration validity) {
    X509CertificateHolder caHolder = holder(ca);
    TBSCertificate tbs = tbs(caHolder, caSigner, caName, responderKey, now, validity);
    return LintedSigner.sign(LINTER.lint(tbs, new LintContext(caHolder, LintProfile.OCSP_RESPONDER)), caSigner, caHolder);
  }

  /** The to-be-signed certificate, not yet linted; package-private so a test can lint a spoiled one. */
  static TBSCertificate tbs(
      X509CertificateHolder ca, ContentSigner caSigner, String caName, PublicKey responderKey, Instant now, Duration validity) {
    Instant caNotBefore = ca.getNotBefore().toInstant();
    Instant caNotAfter = ca.getNotAfter().toInstant();
    Instant notBefore = now.minus(BACKDATE).isBefore(caNotBefore) ? caNotBefore : now.minus(BACKDATE);
    Instant notAfter = now.plus(validity).isAfter(caNotAfter) ? caNotAfter : now.plus(validity);
    V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
    generator.setSerialNumber(new ASN1Integer(serial()));
    generator.setSignature(caSigner.getAlgorithmIdentifier());
    generator.setIssuer(ca.getSubject());
    generator.setStartDate(new Time(Date.from(notBefore)));
    generator.setEndDate(new Time(Date.from(notAfter)));
    generator.setSubject(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "OCSP responder of " + caName).build());
    generator.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(responderKey.getEncoded()));
    generator.setExtensions(extensions(ca, responderKey));
    return generator.generateTBSCertificate();
  }

  private static Extensions extensions(X509CertificateHolder ca, PublicKey responderKey) {
    try {
      JcaX509ExtensionUtils keyIds = new JcaX509ExtensionUtils();
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      extensions.addExtension(Extension.keyUsage, true, LintProfile.OCSP_RESPONDER.keyUsageFor(KeyAlgorithm.valueOf(responderKey.getAlgorithm())));
      extensions.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(LintProfile.OCSP_RESPONDER.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
      extensions.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
      extensions.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId(ca));
      extensions.addExtension(Extension.subjectKeyIdentifier, false, keyIds.createSubjectKeyIdentifier(responderKey));
      return extensions.generate();
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot make the OCSP responder certificate", e);
    }
  }

  /** The CA's own SKI, so clients build the path from the responder to the CA the same way they do for a leaf. */
  private static AuthorityKeyIdentifier authorityKeyId(X509CertificateHolder ca) throws java.security.NoSuchAlgorithmException {
    SubjectKeyIdentifier ski = ca.getExtensions() == null ? null : SubjectKeyIdentifier.fromExtensions(ca.getExtensions());
    return ski == null
        ? new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.getSubjectPublicKeyInfo())
        : new AuthorityKeyIdentifier(ski.getKeyIdentifier());
  }

  private static X509CertificateHolder holder(X509Certificate ca) {
    try {
      return new X509CertificateHolder(ca.getEncoded());
    } catch (CertificateEncodingException | IOException e) {
      throw new IllegalStateException("cannot read the CA certificate", e);
    }
  }

  /** Random and 127 bits long: responder certificates are not in the log, so they must not collide with serials that are. */
  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).setBit(126);
  }
}
