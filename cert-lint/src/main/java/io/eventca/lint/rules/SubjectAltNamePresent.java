package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** TLS clients match host names against subjectAltName only (RFC 6125); a certificate without one names nothing. */
public final class SubjectAltNamePresent implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Optional<Extension> san = TbsExtensions.get(tbs, Extension.subjectAlternativeName);
    if (san.isEmpty()) {
      return Optional.of("the certificate has no subjectAltName extension");
    }
    if (GeneralNames.getInstance(san.get().getParsedValue()).getNames().length == 0) {
      return Optional.of("the subjectAltName extension is empty");
    }
    return Optional.empty();
  }
}
