package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * Clients that check revocation online (OCSP, RFC 6960) find the responder only in authorityInfoAccess, which
 * RFC 5280 4.2.2.1 requires non-critical.
 */
public final class OcspAccessPresent implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Optional<Extension> extension = TbsExtensions.get(tbs, Extension.authorityInfoAccess);
    if (extension.isEmpty()) {
      return Optional.of("the certificate has no authorityInfoAccess extension");
    }
    if (extension.get().isCritical()) {
      return Optional.of("authorityInfoAccess must be non-critical");
    }
    for (AccessDescription access : AuthorityInformationAccess.getInstance(extension.get().getParsedValue()).getAccessDescriptions()) {
      if (AccessDescription.id_ad_ocsp.equals(access.getAccessMethod()) && DistributionPointUrls.isHttpUrl(access.getAccessLocation())) {
        return Optional.empty();
      }
    }
    return Optional.of("authorityInfoAccess names no http(s) OCSP responder");
  }
}
