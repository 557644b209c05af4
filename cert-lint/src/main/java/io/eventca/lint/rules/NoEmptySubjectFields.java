package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** The subject names someone, and none of its attributes is empty or blank (an empty O= helps nobody). */
public final class NoEmptySubjectFields implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    X500Name subject = tbs.getSubject();
    if (subject == null || subject.getRDNs().length == 0) {
      return Optional.of("the subject is empty");
    }
    for (RDN rdn : subject.getRDNs()) {
      for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
        String type = BCStyle.INSTANCE.oidToDisplayName(attribute.getType());
        String name = type == null ? attribute.getType().getId() : type;
        if (!(attribute.getValue() instanceof ASN1String value)) {
          return Optional.of("subject attribute " + name + " is not a string");
        }
        if (value.getString().isBlank()) {
          return Optional.of("subject attribute " + name + " is empty");
        }
      }
    }
    return Optional.empty();
  }
}
