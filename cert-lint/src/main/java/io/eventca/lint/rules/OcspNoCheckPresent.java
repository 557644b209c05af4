package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * A delegated OCSP responder's certificate carries id-pkix-ocsp-nocheck (RFC 6960 4.2.2.2.1), non-critical: without it a
 * client would ask the responder about the responder's own certificate, and a strict client fails every answer.
 */
public final class OcspNoCheckPresent implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Optional<Extension> extension = TbsExtensions.get(tbs, OCSPObjectIdentifiers.id_pkix_ocsp_nocheck);
    if (extension.isEmpty()) {
      return Optional.of("an OCSP responder certificate needs id-pkix-ocsp-nocheck");
    }
    if (extension.get().isCritical()) {
      return Optional.of("id-pkix-ocsp-nocheck must not be critical");
    }
    return Optional.empty();
  }
}
