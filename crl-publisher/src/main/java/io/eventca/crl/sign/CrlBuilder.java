package io.eventca.crl.sign;

import io.eventca.custody.SignatureAlgorithms;
import io.eventca.events.cert.CertificateRevoked;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;

/**
 * Builds one X.509 v2 CRL (RFC 5280 5.1): issuer and AKI from the CA certificate, a CRL number, and per entry
 * the revocation date, the reason code (omitted for {@code unspecified}, as 5.3.1 asks) and the invalidity date.
 */
public final class CrlBuilder {
  private CrlBuilder() {}

  /** What one CRL says; the caller decides the number (from the log) and the validity window (from config). */
  public record CrlContent(
      X509Certificate caCertificate,
      long crlNumber,
      Instant thisUpdate,
      Instant nextUpdate,
      Collection<CertificateRevoked> revoked) {}

  public static X509CRLHolder build(CrlContent content, PrivateKey caKey, String digest) {
    X509Certificate ca = content.caCertificate();
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), Date.from(content.thisUpdate()));
    builder.setNextUpdate(Date.from(content.nextUpdate()));
    for (CertificateRevoked entry : content.revoked()) {
      BigInteger serial = entry.serialNumber().toBigInteger();
      Date revokedAt = Date.from(entry.revokedAt());
      if (entry.invalidityDate() == null) {
        builder.addCRLEntry(serial, revokedAt, entry.reason().code());
      } else {
        builder.addCRLEntry(serial, revokedAt, entry.reason().code(), Date.from(entry.invalidityDate()));
      }
    }
    try {
      builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId(ca));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(content.crlNumber())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add CRL extensions", e);
    }
    ContentSigner signer = SignatureAlgorithms.signer(caKey, digest);
    return builder.build(signer);
  }

  /** The AKI must equal the CA certificate's SKI, or path building in clients cannot match CRL to CA. */
  static AuthorityKeyIdentifier authorityKeyId(X509Certificate ca) {
    byte[] ski = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (ski != null) {
      byte[] keyId = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier();
      return new AuthorityKeyIdentifier(keyId);
    }
    try {
      return new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.getPublicKey());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is needed for key identifiers", e);
    }
  }

  public static byte[] der(X509CRLHolder crl) {
    try {
      return crl.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String pem(byte[] der) {
    String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN X509 CRL-----\n" + b64 + "\n-----END X509 CRL-----\n";
  }

  /** The DER inside a {@code X509 CRL} PEM block. */
  public static byte[] derOfPem(String pem) {
    String body = pem.replace("-----BEGIN X509 CRL-----", "").replace("-----END X509 CRL-----", "").replaceAll("\\s", "");
    return java.util.Base64.getDecoder().decode(body);
  }

}
