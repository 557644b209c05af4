package io.eventca.lint.rules;

import io.eventca.checks.subject.SubjectAttribute;
import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * An e-mail address (subject E, or an rfc822Name subjectAltName) only under a profile that certifies e-mail addresses:
 * with emailProtection it makes the certificate an S/MIME credential for that address.
 */
public final class EmailAddressOnlyWhereTheProfileAllows implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    boolean inSubject = Arrays.stream(tbs.getSubject().getRDNs())
        .flatMap(r -> Arrays.stream(r.getTypesAndValues()))
        .anyMatch(a -> a.getType().equals(SubjectAttribute.EMAIL.oid()));
    boolean inNames = TbsExtensions.get(tbs, Extension.subjectAlternativeName)
        .map(e -> Arrays.stream(GeneralNames.getInstance(e.getParsedValue()).getNames()).anyMatch(n -> n.getTagNo() == GeneralName.rfc822Name))
        .orElse(false);
    if ((inSubject || inNames) && !context.profile().emailAddresses()) {
      return Optional.of("profile " + context.profile().name() + " certifies no e-mail address");
    }
    return Optional.empty();
  }
}
