package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * RFC 5280 4.2.1.1 / 4.2.1.2: the authority key id names the CA's key (its subject key id), so path building
 * finds the right issuer; the subject key id is present. Both non-critical.
 */
public final class AuthorityAndSubjectKeyIdPresent implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    Optional<Extension> aki = TbsExtensions.get(tbs, Extension.authorityKeyIdentifier);
    if (aki.isEmpty() || aki.get().isCritical()) {
      return Optional.of("authorityKeyIdentifier must be present and non-critical");
    }
    byte[] keyId = AuthorityKeyIdentifier.getInstance(aki.get().getParsedValue()).getKeyIdentifierOctets();
    if (keyId == null || keyId.length == 0) {
      return Optional.of("authorityKeyIdentifier carries no key identifier");
    }
    Extension issuerSki = context.issuer().getExtension(Extension.subjectKeyIdentifier);
    if (issuerSki != null
        && !Arrays.equals(keyId, SubjectKeyIdentifier.getInstance(issuerSki.getParsedValue()).getKeyIdentifier())) {
      return Optional.of("authorityKeyIdentifier does not match the CA certificate's subjectKeyIdentifier");
    }
    Optional<Extension> ski = TbsExtensions.get(tbs, Extension.subjectKeyIdentifier);
    if (ski.isEmpty() || ski.get().isCritical()) {
      return Optional.of("subjectKeyIdentifier must be present and non-critical");
    }
    if (SubjectKeyIdentifier.getInstance(ski.get().getParsedValue()).getKeyIdentifier().length == 0) {
      return Optional.of("subjectKeyIdentifier is empty");
    }
    return Optional.empty();
  }
}
