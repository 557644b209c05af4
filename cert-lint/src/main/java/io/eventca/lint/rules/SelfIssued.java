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
 * A root's certificate names itself: issuer equal to subject, validity a real interval, and key ids present,
 * non-critical and equal (RFC 5280 4.2.1.1: a self-signed certificate's authority key id is its own subject key id).
 */
public final class SelfIssued implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    if (!tbs.getIssuer().equals(tbs.getSubject())) {
      return Optional.of("a root certificate's issuer must be its subject");
    }
    if (!tbs.getStartDate().getDate().before(tbs.getEndDate().getDate())) {
      return Optional.of("notBefore is not before notAfter");
    }
    Optional<Extension> ski = TbsExtensions.get(tbs, Extension.subjectKeyIdentifier);
    Optional<Extension> aki = TbsExtensions.get(tbs, Extension.authorityKeyIdentifier);
    if (ski.isEmpty() || ski.get().isCritical() || aki.isEmpty() || aki.get().isCritical()) {
      return Optional.of("subjectKeyIdentifier and authorityKeyIdentifier must be present and non-critical");
    }
    byte[] own = SubjectKeyIdentifier.getInstance(ski.get().getParsedValue()).getKeyIdentifier();
    byte[] named = AuthorityKeyIdentifier.getInstance(aki.get().getParsedValue()).getKeyIdentifierOctets();
    if (own.length == 0 || !Arrays.equals(own, named)) {
      return Optional.of("authorityKeyIdentifier must name the certificate's own subjectKeyIdentifier");
    }
    return Optional.empty();
  }
}
