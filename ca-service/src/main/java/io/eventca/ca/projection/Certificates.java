package io.eventca.ca.projection;

import io.eventca.ca.model.Columns;
import io.eventca.checks.subject.Subjects;
import java.io.IOException;
import java.io.StringReader;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/** What the projection records of a certificate, read from the certificate itself rather than from what a fact says of it. */
public final class Certificates {
  private Certificates() {}

  /**
   * The subject as request-checks renders it, from the certificate's own bytes, so the history shows exactly what relying
   * parties see; {@code claimed} (the fact's text) only when the PEM cannot be read.
   */
  static String subjectDn(String certificatePem, String claimed) {
    return subjectDn(parse(certificatePem), claimed);
  }

  /** The same, for a certificate parsed already (null when it could not be). */
  static String subjectDn(X509CertificateHolder certificate, String claimed) {
    return certificate == null ? Columns.fit(claimed, Columns.SUBJECT_DN) : Subjects.render(certificate.getSubject(), Columns.SUBJECT_DN);
  }

  /** The certificate a PEM holds, or null when it holds none that can be read (the callers decide what that means). */
  public static X509CertificateHolder parse(String pem) {
    if (pem == null) {
      return null;
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return parser.readObject() instanceof X509CertificateHolder holder ? holder : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
