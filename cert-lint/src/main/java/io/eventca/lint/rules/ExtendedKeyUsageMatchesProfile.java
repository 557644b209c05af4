package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** extendedKeyUsage is present and holds exactly the profile's purposes; never anyExtendedKeyUsage. */
public final class ExtendedKeyUsageMatchesProfile implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Optional<Extension> extension = TbsExtensions.get(tbs, Extension.extendedKeyUsage);
    if (extension.isEmpty()) {
      return Optional.of("the certificate has no extendedKeyUsage extension");
    }
    Set<KeyPurposeId> actual =
        new HashSet<>(Arrays.asList(ExtendedKeyUsage.getInstance(extension.get().getParsedValue()).getUsages()));
    if (actual.contains(KeyPurposeId.anyExtendedKeyUsage)) {
      return Optional.of("extendedKeyUsage contains anyExtendedKeyUsage");
    }
    Set<KeyPurposeId> expected = new HashSet<>(context.profile().extendedKeyUsages());
    if (!expected.equals(actual)) {
      return Optional.of("extendedKeyUsage " + actual + " differs from profile " + context.profile().name() + "'s " + expected);
    }
    return Optional.empty();
  }
}
