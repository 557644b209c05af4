package io.eventca.crl.ocsp;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * The certificate a CA gives its delegated OCSP responder (RFC 6960 4.2.2.2): id-kp-OCSPSigning as its only
 * extended key usage, so it can sign nothing else, and id-pkix-ocsp-nocheck, because nobody could check the
 * revocation of the responder's own certificate except by asking the responder.
 */
final class ResponderCertificates {
  /** Absorbs clock skew between this service and its clients. */
  static final Duration BACKDATE = Duration.ofMinutes(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ResponderCertificates() {}

  /** @param caSigner the CA key's signer from custody */
  static X509CertificateHolder issue(
      X509Certificate ca, ContentSigner caSigner, String caName, PublicKey responderKey, Instant now, Duration validity) {
    Instant caNotBefore = ca.getNotBefore().toInstant();
    Instant caNotAfter = ca.getNotAfter().toInstant();
    Instant notBefore = now.minus(BACKDATE).isBefore(caNotBefore) ? caNotBefore : now.minus(BACKDATE);
    Instant notAfter = now.plus(validity).isAfter(caNotAfter) ? caNotAfter : now.plus(validity);
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "OCSP responder of " + caName).build();
    try {
      JcaX509ExtensionUtils keyIds = new JcaX509ExtensionUtils();
      return new JcaX509v3CertificateBuilder(
              X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), serial(), Date.from(notBefore), Date.from(notAfter),
              subject, responderKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
          .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE)
          .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId(ca, keyIds))
          .addExtension(Extension.subjectKeyIdentifier, false, keyIds.createSubjectKeyIdentifier(responderKey))
          .build(caSigner);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot make the OCSP responder certificate", e);
    }
  }

  /** The CA's own SKI, so clients build the path from the responder to the CA the same way they do for a leaf. */
  private static AuthorityKeyIdentifier authorityKeyId(X509Certificate ca, JcaX509ExtensionUtils keyIds) {
    byte[] ski = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (ski == null) {
      return keyIds.createAuthorityKeyIdentifier(ca.getPublicKey());
    }
    return new AuthorityKeyIdentifier(SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier());
  }

  /** Random and 127 bits long: responder certificates are not in the log, so they must not collide with serials that are. */
  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).setBit(126);
  }
}
