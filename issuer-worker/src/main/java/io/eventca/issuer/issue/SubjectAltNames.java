package io.eventca.issuer.issue;

import io.eventca.events.cert.RejectionCode;
import io.eventca.issuer.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The subjectAltNames of an end-entity certificate: the DNS names and IP addresses the CSR asks for, else
 * the CSR's common name. The common name is always among them (CA/B Forum BR 7.1.4.3), added first when the
 * CSR left it out; a common name that is no host name or IP address cannot be issued.
 */
public final class SubjectAltNames {
  static final int MAX_NAMES = 100;

  private SubjectAltNames() {}

  public static List<GeneralName> forCertificate(X500Name subject, List<GeneralName> requested) {
    Set<GeneralName> names = new LinkedHashSet<>();
    commonName(subject).ifPresent(cn -> names.add(fromCommonName(cn)));
    for (GeneralName name : requested) {
      names.add(checked(name));
    }
    if (names.isEmpty()) {
      throw policy("the CSR names nothing: put a host name in the CN or ask for subjectAltNames");
    }
    if (names.size() > MAX_NAMES) {
      throw policy("the CSR asks for " + names.size() + " names; at most " + MAX_NAMES + " are issued");
    }
    return new ArrayList<>(names);
  }

  private static Optional<String> commonName(X500Name subject) {
    RDN[] cns = subject.getRDNs(BCStyle.CN);
    if (cns.length > 1 || (cns.length == 1 && cns[0].isMultiValued())) {
      throw policy("the subject has more than one common name; give one and list the others as subjectAltNames");
    }
    if (cns.length == 0) {
      return Optional.empty();
    }
    return Optional.of(((ASN1String) cns[0].getFirst().getValue()).getString());
  }

  private static GeneralName fromCommonName(String cn) {
    if (Hostnames.isIpAddress(cn)) {
      return new GeneralName(GeneralName.iPAddress, cn);
    }
    if (Hostnames.isHostname(cn)) {
      return new GeneralName(GeneralName.dNSName, cn.toLowerCase(Locale.ROOT));
    }
    throw policy("the common name '" + cn + "' is neither a host name nor an IP address, but it must also be a"
        + " subjectAltName; put the host name in the CN");
  }

  private static GeneralName checked(GeneralName name) {
    switch (name.getTagNo()) {
      case GeneralName.dNSName -> {
        String dns = ((ASN1String) name.getName()).getString();
        if (!Hostnames.isHostname(dns)) {
          throw policy("the subjectAltName DNS:" + dns + " is not a valid host name");
        }
        return new GeneralName(GeneralName.dNSName, dns.toLowerCase(Locale.ROOT));
      }
      case GeneralName.iPAddress -> {
        int length = ASN1OctetString.getInstance(name.getName()).getOctets().length;
        if (length != 4 && length != 16) {
          throw policy("a subjectAltName IP address has " + length + " octets; IPv4 has 4, IPv6 16");
        }
        return name;
      }
      default -> throw policy("the CSR asks for a subjectAltName of type " + typeName(name.getTagNo())
          + "; only DNS names and IP addresses are issued");
    }
  }

  private static String typeName(int tag) {
    return switch (tag) {
      case GeneralName.rfc822Name -> "email";
      case GeneralName.uniformResourceIdentifier -> "URI";
      case GeneralName.directoryName -> "directoryName";
      case GeneralName.otherName -> "otherName";
      case GeneralName.registeredID -> "registeredID";
      default -> "tag " + tag;
    };
  }

  private static Rejection policy(String detail) {
    return new Rejection(RejectionCode.POLICY_VIOLATION, detail);
  }
}
