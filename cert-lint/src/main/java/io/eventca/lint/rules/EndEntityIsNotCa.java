package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Optional;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** A leaf must never be able to act as a CA: basicConstraints says cA=false, and it may not sign certificates or CRLs. */
public final class EndEntityIsNotCa implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Optional<Extension> extension = TbsExtensions.get(tbs, Extension.basicConstraints);
    if (extension.isEmpty()) {
      return Optional.of("the certificate has no basicConstraints extension");
    }
    if (!extension.get().isCritical()) {
      return Optional.of("basicConstraints must be critical");
    }
    BasicConstraints constraints = BasicConstraints.getInstance(extension.get().getParsedValue());
    if (constraints.isCA()) {
      return Optional.of("basicConstraints says cA=true on an end-entity certificate");
    }
    if (constraints.getPathLenConstraint() != null) {
      return Optional.of("basicConstraints carries a path length on an end-entity certificate");
    }
    Optional<Extension> keyUsage = TbsExtensions.get(tbs, Extension.keyUsage);
    if (keyUsage.isPresent()) {
      KeyUsage usage = KeyUsage.getInstance(keyUsage.get().getParsedValue());
      if (usage.hasUsages(KeyUsage.keyCertSign) || usage.hasUsages(KeyUsage.cRLSign)) {
        return Optional.of("keyUsage allows signing certificates or CRLs on an end-entity certificate");
      }
    }
    return Optional.empty();
  }
}
