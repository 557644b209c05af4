package io.eventca.lint.rules;

import io.eventca.events.KeyAlgorithm;
import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** keyUsage is present, critical, and exactly the profile's usage for the subject key's type. */
public final class KeyUsageMatchesProfile implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Optional<Extension> extension = TbsExtensions.get(tbs, Extension.keyUsage);
    if (extension.isEmpty()) {
      return Optional.of("the certificate has no keyUsage extension");
    }
    if (!extension.get().isCritical()) {
      return Optional.of("keyUsage must be critical");
    }
    ASN1ObjectIdentifier keyType = tbs.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm();
    KeyAlgorithm algorithm;
    if (PKCSObjectIdentifiers.rsaEncryption.equals(keyType)) {
      algorithm = KeyAlgorithm.RSA;
    } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(keyType)) {
      algorithm = KeyAlgorithm.EC;
    } else {
      return Optional.of("no key usage is defined for subject keys of type " + keyType.getId());
    }
    KeyUsage expected = context.profile().keyUsageFor(algorithm);
    KeyUsage actual = KeyUsage.getInstance(extension.get().getParsedValue());
    if (!expected.equals(actual)) {
      return Optional.of("keyUsage " + actual + " differs from profile " + context.profile().name() + "'s " + expected
          + " for " + algorithm + " keys");
    }
    return Optional.empty();
  }
}
