package io.eventca.lint;

import java.util.Optional;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** One check of a to-be-signed certificate. Rules are small and independent so a failure names exactly one. */
public interface LintRule {
  /** The rule's name, reported in a lint-failed rejection. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** @return what is wrong, or empty when the certificate passes */
  Optional<String> check(TBSCertificate tbs, LintContext context);
}
