package io.eventca.issuer.ca;

import io.eventca.issuer.crypto.SerialNumbers;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Self-signed root CA certificates, as create_ca.sh makes them but with the extensions a CA needs:
 * critical basicConstraints CA:true (with the requested pathLenConstraint), critical keyUsage keyCertSign +
 * cRLSign + digitalSignature, and key ids. Intermediates are issued by {@link IntermediateIssuer}.
 */
public final class CaCertificateFactory {
  /** Backdating absorbs clock skew between this worker and the first relying party. */
  static final Duration BACKDATE = Duration.ofMinutes(1);

  /** Roots and intermediates carry the same key usage, so every CA of a chain reads the same. */
  static final KeyUsage KEY_USAGE = new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature);

  private CaCertificateFactory() {}

  static BasicConstraints basicConstraints(Integer pathLength) {
    return pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength);
  }

  /**
   * @param signer signs with the private half of {@code publicKey}, from custody: a token key never leaves its token
   * @param pathLength the pathLenConstraint, or null for none
   */
  public static X509CertificateHolder selfSigned(
      X500Name subject, PublicKey publicKey, ContentSigner signer, int validityDays, Integer pathLength, Instant now) {
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore = issuedAt.minus(BACKDATE);
    Instant notAfter = issuedAt.plus(validityDays, ChronoUnit.DAYS);
    try {
      JcaX509ExtensionUtils keyIds = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject, SerialNumbers.random(), Date.from(notBefore), Date.from(notAfter), subject, publicKey)
              .addExtension(Extension.basicConstraints, true, basicConstraints(pathLength))
              .addExtension(Extension.keyUsage, true, KEY_USAGE)
              .addExtension(Extension.subjectKeyIdentifier, false, keyIds.createSubjectKeyIdentifier(publicKey))
              .addExtension(Extension.authorityKeyIdentifier, false, keyIds.createAuthorityKeyIdentifier(publicKey));
      return builder.build(signer);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot build the CA certificate", e);
    }
  }
}
