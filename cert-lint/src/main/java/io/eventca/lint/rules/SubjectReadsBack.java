package io.eventca.lint.rules;

import io.eventca.checks.subject.SubjectProblem;
import io.eventca.checks.subject.Subjects;
import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import java.util.Optional;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * The invariant before every signature: the subject reads back under the one subject decoder, so every part of eventca
 * (the login of client certificates, the projection, the CRL and OCSP services) reads it alike and can store it: only
 * UTF8String and PrintableString (IA5String for E and DC), RFC 5280's length bounds, no control or invisible
 * characters, single-valued RDNs.
 */
public final class SubjectReadsBack implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    try {
      Subjects.decode(tbs.getSubject());
      return Optional.empty();
    } catch (SubjectProblem e) {
      return Optional.of(e.getMessage());
    }
  }
}
