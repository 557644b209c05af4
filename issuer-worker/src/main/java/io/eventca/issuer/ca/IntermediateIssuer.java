package io.eventca.issuer.ca;

import io.eventca.custody.CaKeyCustody;
import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.RequestProblem;
import io.eventca.issuer.crypto.CertificateExtensions;
import io.eventca.issuer.crypto.SerialNumbers;
import io.eventca.lint.LintedSigner;
import io.eventca.lint.LintContext;
import io.eventca.lint.LintFailedException;
import io.eventca.lint.LintedTbs;
import io.eventca.lint.Linter;
import io.eventca.issuer.state.CaDirectory;
import io.eventca.issuer.state.IssuingCa;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The certificate of an intermediate CA, issued by its parent the way the parent issues a leaf: a serial new
 * in the parent's serial space, a to-be-signed certificate linted before the parent's key touches it, the
 * signature checked against the parent's certificate. It points at the parent's CRLs and OCSP, where it is revoked.
 */
final class IntermediateIssuer {
  private static final int SERIAL_ATTEMPTS = 3;

  private final CaKeyCustody custody;
  private final Linter linter = Linter.forCaCertificates();
  private final String crlBaseUrl;

  IntermediateIssuer(CaKeyCustody custody, String crlBaseUrl) {
    this.custody = custody;
    this.crlBaseUrl = crlBaseUrl;
  }

  X509CertificateHolder issue(CaParameters parameters, SubjectPublicKeyInfo key, IssuingCa parent, Instant now, CaDirectory directory) {
    LintedTbs linted = null;
    for (int attempt = 1; linted == null; attempt++) {
      BigInteger serial = SerialNumbers.random();
      if (!directory.serialUsed(parent.caId(), serial)) {
        linted = lint(tbs(parameters, key, parent, now, serial), parent);
      } else if (attempt == SERIAL_ATTEMPTS) {
        throw new IllegalStateException(SERIAL_ATTEMPTS + " serial collisions in a row: the random source is broken");
      }
    }
    return LintedSigner.sign(linted, custody.signer(parent.key(), parameters.digest()), parent.certificate());
  }

  private LintedTbs lint(TBSCertificate tbs, IssuingCa parent) {
    try {
      return linter.lint(tbs, new LintContext(parent.certificate(), null));
    } catch (LintFailedException e) {
      throw new RequestProblem(ErrorCode.LINT_FAILED, "lint rule " + e.rule() + " failed: " + e.problem());
    }
  }

  private TBSCertificate tbs(CaParameters parameters, SubjectPublicKeyInfo key, IssuingCa parent, Instant now, BigInteger serial) {
    Instant backdated = now.minus(CaCertificateFactory.BACKDATE);
    V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
    generator.setSerialNumber(new ASN1Integer(serial));
    generator.setSignature(CertificateExtensions.signatureAlgorithm(parameters.digest(), parent.created().keyAlgorithm()));
    generator.setIssuer(parent.certificate().getSubject());
    generator.setStartDate(new Time(Date.from(backdated.isBefore(parent.notBefore()) ? parent.notBefore() : backdated)));
    generator.setEndDate(new Time(Date.from(now.plus(parameters.validityDays(), ChronoUnit.DAYS))));
    generator.setSubject(parameters.subject());
    generator.setSubjectPublicKeyInfo(key);
    generator.setExtensions(extensions(parameters, key, parent));
    return generator.generateTBSCertificate();
  }

  private Extensions extensions(CaParameters parameters, SubjectPublicKeyInfo key, IssuingCa parent) {
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.basicConstraints, true, CaCertificateFactory.basicConstraints(parameters.pathLength()));
      extensions.addExtension(Extension.keyUsage, true, CaCertificateFactory.KEY_USAGE);
      extensions.addExtension(Extension.subjectKeyIdentifier, false, CertificateExtensions.subjectKeyId(key));
      extensions.addExtension(Extension.authorityKeyIdentifier, false, CertificateExtensions.authorityKeyId(parent.certificate()));
      CertificateExtensions.addRevocationPointers(extensions, crlBaseUrl, parent.caId());
      return extensions.generate();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the CA certificate extensions", e);
    }
  }
}
