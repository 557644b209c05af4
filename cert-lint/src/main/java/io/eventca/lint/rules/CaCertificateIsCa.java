package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Optional;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * RFC 5280 4.2.1.9 / 4.2.1.3: a CA certificate says cA=true in a critical basicConstraints and may sign
 * certificates and CRLs (critical keyUsage with keyCertSign and cRLSign); otherwise validators refuse its chain.
 */
public final class CaCertificateIsCa implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Optional<Extension> basic = TbsExtensions.get(tbs, Extension.basicConstraints);
    if (basic.isEmpty() || !basic.get().isCritical()) {
      return Optional.of("a CA certificate needs a critical basicConstraints extension");
    }
    if (!BasicConstraints.getInstance(basic.get().getParsedValue()).isCA()) {
      return Optional.of("basicConstraints says cA=false on a CA certificate");
    }
    Optional<Extension> usage = TbsExtensions.get(tbs, Extension.keyUsage);
    if (usage.isEmpty() || !usage.get().isCritical()) {
      return Optional.of("a CA certificate needs a critical keyUsage extension");
    }
    if (!KeyUsage.getInstance(usage.get().getParsedValue()).hasUsages(KeyUsage.keyCertSign | KeyUsage.cRLSign)) {
      return Optional.of("keyUsage of a CA certificate must allow keyCertSign and cRLSign");
    }
    return Optional.empty();
  }
}
