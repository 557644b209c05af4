package io.eventca.lint.rules;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** cRLDistributionPoints and freshestCRL share one syntax (RFC 5280 4.2.1.15), so their rules share one reading. */
final class DistributionPointUrls {
  private DistributionPointUrls() {}

  static boolean isHttpUrl(GeneralName name) {
    return name.getTagNo() == GeneralName.uniformResourceIdentifier
        && ((ASN1String) name.getName()).getString().matches("https?://\\S+");
  }

  /** Whether some full-name distribution point is an http(s) URL a relying party can fetch. */
  static boolean anyHttp(CRLDistPoint points) {
    for (DistributionPoint point : points.getDistributionPoints()) {
      DistributionPointName name = point.getDistributionPoint();
      if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
        continue;
      }
      for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
        if (isHttpUrl(general)) {
          return true;
        }
      }
    }
    return false;
  }
}
