package io.eventca.lint;

import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Signs a linted to-be-signed certificate with the CA key, exactly as linted (the signer adds
 * nothing), then checks the signature against the CA certificate before it leaves the signing service. The signer
 * comes from custody, so a token key signs inside its token; checking needs only the certificate's public key.
 */
public final class LintedSigner {
  private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

  private LintedSigner() {}

  public static X509CertificateHolder sign(LintedTbs linted, ContentSigner signer, X509CertificateHolder caCertificate) {
    X509CertificateHolder signed = signOnly(linted, signer);
    verify(signed, caCertificate);
    return signed;
  }

  /** A self-signed certificate (a root), checked against its own public key. */
  public static X509CertificateHolder signSelf(LintedTbs linted, ContentSigner signer) {
    X509CertificateHolder signed = signOnly(linted, signer);
    verify(signed, signed);
    return signed;
  }

  private static X509CertificateHolder signOnly(LintedTbs linted, ContentSigner signer) {
    TBSCertificate tbs = linted.tbs();
    if (!signer.getAlgorithmIdentifier().equals(tbs.getSignature())) {
      throw new IllegalStateException("the certificate names signature algorithm " + tbs.getSignature().getAlgorithm()
          + " but the CA key signs with " + signer.getAlgorithmIdentifier().getAlgorithm());
    }
    try (OutputStream out = signer.getOutputStream()) {
      out.write(tbs.getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new IllegalStateException("cannot sign the certificate", e);
    }
    Certificate certificate =
        Certificate.getInstance(
            new DERSequence(new ASN1Encodable[] {tbs, signer.getAlgorithmIdentifier(), new DERBitString(signer.getSignature())}));
    return new X509CertificateHolder(certificate);
  }

  private static void verify(X509CertificateHolder signed, X509CertificateHolder caCertificate) {
    try {
      // With the certificate's public key, never the signing key, so a token-signed certificate is checked the same way.
      String keyAlgorithm = caCertificate.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm()
          .equals(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : "RSA";
      JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
      if (keyAlgorithm.equals("EC")) {
        // Bouncy Castle for EC, as custody signs software EC keys: SunEC verifies ECDSA several times slower. Not for RSA:
        // the builder also needs an X.509 CertificateFactory, which SunRsaSign lacks.
        verifiers.setProvider(BC);
      }
      if (!signed.isSignatureValid(verifiers.build(caCertificate))) {
        throw new IllegalStateException("the new certificate does not verify with the CA certificate: wrong CA key?");
      }
    } catch (CertException | OperatorCreationException | java.security.cert.CertificateException e) {
      throw new IllegalStateException("cannot verify the new certificate", e);
    }
  }
}
