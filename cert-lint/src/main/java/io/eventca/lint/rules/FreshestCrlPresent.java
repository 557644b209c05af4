package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * Relying parties that use delta CRLs find them only through freshestCRL (RFC 5280 4.2.1.15), which must be
 * non-critical: a client that knows no deltas still has to accept the certificate.
 */
public final class FreshestCrlPresent implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Optional<Extension> extension = TbsExtensions.get(tbs, Extension.freshestCRL);
    if (extension.isEmpty()) {
      return Optional.of("the certificate has no freshestCRL extension");
    }
    if (extension.get().isCritical()) {
      return Optional.of("freshestCRL must be non-critical");
    }
    if (DistributionPointUrls.anyHttp(CRLDistPoint.getInstance(extension.get().getParsedValue()))) {
      return Optional.empty();
    }
    return Optional.of("freshestCRL names no http(s) URL");
  }
}
