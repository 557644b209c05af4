package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** A certificate must not claim validity its issuer does not have: notBefore..notAfter inside the CA's. */
public final class ValidityWithinIssuer implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Date notBefore = tbs.getStartDate().getDate();
    Date notAfter = tbs.getEndDate().getDate();
    if (!notBefore.before(notAfter)) {
      return Optional.of("notBefore " + notBefore.toInstant() + " is not before notAfter " + notAfter.toInstant());
    }
    if (notBefore.before(context.issuer().getNotBefore())) {
      return Optional.of("notBefore " + notBefore.toInstant() + " is before the CA's notBefore "
          + context.issuer().getNotBefore().toInstant());
    }
    if (notAfter.after(context.issuer().getNotAfter())) {
      return Optional.of("notAfter " + notAfter.toInstant() + " is after the CA's notAfter "
          + context.issuer().getNotAfter().toInstant());
    }
    return Optional.empty();
  }
}
