package io.eventca.lint.rules;

import io.eventca.lint.LintContext;
import io.eventca.lint.LintRule;
import io.eventca.lint.TbsExtensions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.util.IPAddress;

/**
 * CA/B Forum Baseline Requirements 7.1.4.3: a subject common name must repeat one of the subjectAltNames, in
 * profiles that say so (server). A client certificate's CN names a person or an application, not a host.
 */
public final class SanContainsCommonName implements LintRule {
  @Override
  public Optional<String> check(TBSCertificate tbs, LintContext context) {
    if (!context.profile().commonNameInSubjectAltName()) {
      return Optional.empty();
    }
    List<GeneralName> sans =
        TbsExtensions.get(tbs, Extension.subjectAlternativeName)
            .map(e -> Arrays.asList(GeneralNames.getInstance(e.getParsedValue()).getNames()))
            .orElse(List.of());
    for (RDN rdn : tbs.getSubject().getRDNs(BCStyle.CN)) {
      String commonName = ((ASN1String) rdn.getFirst().getValue()).getString();
      if (sans.stream().noneMatch(san -> names(san, commonName))) {
        return Optional.of("the common name '" + commonName + "' is not among the subjectAltNames");
      }
    }
    return Optional.empty();
  }

  private static boolean names(GeneralName san, String commonName) {
    if (san.getTagNo() == GeneralName.dNSName) {
      // DNS names compare without regard to case (RFC 4343).
      return ((ASN1String) san.getName()).getString().equalsIgnoreCase(commonName);
    }
    if (san.getTagNo() == GeneralName.iPAddress) {
      return IPAddress.isValid(commonName) && san.equals(new GeneralName(GeneralName.iPAddress, commonName));
    }
    return false;
  }
}
