package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** Revocation must be checkable: the certificate names an http(s) URL where its CA's CRL is published. */
public final class CrlDistributionPointPresent implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Optional<Extension> extension = TbsExtensions.get(tbs, Extension.cRLDistributionPoints);
    if (extension.isEmpty()) {
      return Optional.of("the certificate has no cRLDistributionPoints extension");
    }
    if (DistributionPointUrls.anyHttp(CRLDistPoint.getInstance(extension.get().getParsedValue()))) {
      return Optional.empty();
    }
    return Optional.of("cRLDistributionPoints names no http(s) URL");
  }
}
