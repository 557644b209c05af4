package io.eventca.custody;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/** A CA-like certificate signed by a custody's signer and checked with the JDK alone, as a relying party would. */
final class SelfSigned {
  private SelfSigned() {}

  static X509Certificate certify(String subject, PublicKey publicKey, ContentSigner signer) throws Exception {
    X500Name name = new X500Name(subject);
    Instant now = Instant.now();
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
                    Date.from(now.plusSeconds(86_400)), name, publicKey)
                .build(signer));
  }

  /** Throws unless {@code publicKey} verifies the certificate's signature (JDK providers only). */
  static void verify(X509Certificate certificate, PublicKey publicKey) throws Exception {
    X509Certificate decoded =
        (X509Certificate)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(certificate.getEncoded()));
    decoded.verify(publicKey);
  }
}
