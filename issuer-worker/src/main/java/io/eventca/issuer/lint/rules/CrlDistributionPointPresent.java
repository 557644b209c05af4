package io.eventca.issuer.lint.rules;

import io.eventca.issuer.lint.LintContext;
import io.eventca.issuer.lint.LintRule;
import io.eventca.issuer.lint.TbsExtensions;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** Revocation must be checkable: the certificate names an http(s) URL where its CA's CRL is published. */
public final class CrlDistributionPointPresent implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Optional<Extension> extension = TbsExtensions.get(tbs, Extension.cRLDistributionPoints);
    if (extension.isEmpty()) {
      return Optional.of("the certificate has no cRLDistributionPoints extension");
    }
    for (DistributionPoint point : CRLDistPoint.getInstance(extension.get().getParsedValue()).getDistributionPoints()) {
      DistributionPointName name = point.getDistributionPoint();
      if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
        continue;
      }
      for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
        if (general.getTagNo() == GeneralName.uniformResourceIdentifier
            && ((ASN1String) general.getName()).getString().matches("https?://\\S+")) {
          return Optional.empty();
        }
      }
    }
    return Optional.of("cRLDistributionPoints names no http(s) URL");
  }
}
