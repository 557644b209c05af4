package io.eventca.issuer.ca;

import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.RequestProblem;
import io.eventca.issuer.crypto.CertificateExtensions;
import io.eventca.issuer.crypto.SerialNumbers;
import io.eventca.lint.LintedSigner;
import io.eventca.lint.LintContext;
import io.eventca.lint.LintFailedException;
import io.eventca.lint.LintedTbs;
import io.eventca.lint.Linter;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Self-signed root CA certificates, as create_ca.sh makes them but with the extensions a CA needs:
 * critical basicConstraints CA:true (with the requested pathLenConstraint), critical keyUsage keyCertSign +
 * cRLSign + digitalSignature, and key ids. Like every certificate eventca signs, a root is built as a to-be-signed
 * certificate, linted ({@link Linter#forRootCertificates}), and only then signed. Intermediates are issued by
 * {@link IntermediateIssuer}.
 */
public final class CaCertificateFactory {
  /** Backdating absorbs clock skew between this worker and the first relying party. */
  static final Duration BACKDATE = Duration.ofMinutes(1);

  /** Roots and intermediates carry the same key usage, so every CA of a chain reads the same. */
  static final KeyUsage KEY_USAGE = new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature);

  private static final Linter LINTER = Linter.forRootCertificates();

  private CaCertificateFactory() {}

  static BasicConstraints basicConstraints(Integer pathLength) {
    return pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength);
  }

  /**
   * @param signer signs with the private half of {@code publicKey}, from custody: a token key never leaves its token
   * @param pathLength the pathLenConstraint, or null for none
   * @throws RequestProblem (lint-failed) when the certificate would break a lint rule; nothing is signed then
   */
  public static X509CertificateHolder selfSigned(
      X500Name subject, PublicKey publicKey, ContentSigner signer, int validityDays, Integer pathLength, Instant now) {
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
    V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
    generator.setSerialNumber(new ASN1Integer(SerialNumbers.random()));
    generator.setSignature(signer.getAlgorithmIdentifier());
    generator.setIssuer(subject);
    generator.setStartDate(new Time(Date.from(issuedAt.minus(BACKDATE))));
    generator.setEndDate(new Time(Date.from(issuedAt.plus(validityDays, ChronoUnit.DAYS))));
    generator.setSubject(subject);
    generator.setSubjectPublicKeyInfo(key);
    generator.setExtensions(extensions(key, pathLength));
    return LintedSigner.signSelf(lint(generator.generateTBSCertificate()), signer);
  }

  private static LintedTbs lint(TBSCertificate tbs) {
    try {
      return LINTER.lint(tbs, new LintContext(null, null));
    } catch (LintFailedException e) {
      throw new RequestProblem(ErrorCode.LINT_FAILED, "lint rule " + e.rule() + " failed: " + e.problem());
    }
  }

  private static org.bouncycastle.asn1.x509.Extensions extensions(SubjectPublicKeyInfo key, Integer pathLength) {
    SubjectKeyIdentifier keyId = CertificateExtensions.subjectKeyId(key);
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.basicConstraints, true, basicConstraints(pathLength));
      extensions.addExtension(Extension.keyUsage, true, KEY_USAGE);
      extensions.addExtension(Extension.subjectKeyIdentifier, false, keyId);
      extensions.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyId.getKeyIdentifier()));
      return extensions.generate();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the CA certificate extensions", e);
    }
  }
}
