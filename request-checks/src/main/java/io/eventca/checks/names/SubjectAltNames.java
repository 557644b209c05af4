package io.eventca.checks.names;

import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.Echo;
import io.eventca.checks.RequestProblem;
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
 * The subjectAltNames of an end-entity certificate. A request that names a {@code host} or
 * {@code subjectAltNames} (create_cert.sh) gets exactly those, host first; otherwise the DNS names and IP
 * addresses its CSR asks for. Where the profile wants the common name among them (CA/B Forum BR 7.1.4.3) it is
 * added when missing; a common name that is no host name or IP address then cannot be issued.
 */
public final class SubjectAltNames {
  public static final int MAX_NAMES = 100;

  private SubjectAltNames() {}

  public static List<GeneralName> forRequest(
      X500Name subject, NameRules profile, String host, List<String> requested, List<GeneralName> fromCsr) {
    List<String> extra = requested == null ? List.of() : requested;
    if (profile.requiresHost() && host == null) {
      throw policy("host", "profile " + profile.name() + " requires a host (a DNS name)");
    }
    if (host == null && extra.isEmpty()) {
      return forCertificate(subject, fromCsr, profile.commonNameInSubjectAltName());
    }
    if (extra.size() > MAX_NAMES) {
      throw tooMany("subjectAltNames", extra.size());
    }
    Set<GeneralName> names = new LinkedHashSet<>();
    if (host != null) {
      names.add(host(host));
    }
    for (String name : extra) {
      names.add(fromString(name));
    }
    if (profile.commonNameInSubjectAltName()) {
      // After the requested names, as create_cert.sh does with -host and -CN: the set drops it if already there.
      commonName(subject).ifPresent(cn -> names.add(fromCommonName(cn)));
    }
    if (names.size() > MAX_NAMES) {
      throw tooMany("subjectAltNames", names.size());
    }
    return new ArrayList<>(names);
  }

  /** The names of a request that names none itself: the CSR's, with the common name added first. */
  public static List<GeneralName> forCertificate(X500Name subject, List<GeneralName> requested) {
    return forCertificate(subject, requested, true);
  }

  private static List<GeneralName> forCertificate(X500Name subject, List<GeneralName> requested, boolean commonNameRequired) {
    Set<GeneralName> names = new LinkedHashSet<>();
    Optional<String> cn = commonName(subject);
    if (cn.isPresent() && (commonNameRequired || Hostnames.isIpAddress(cn.get()) || Hostnames.isHostname(cn.get()))) {
      names.add(fromCommonName(cn.get()));
    }
    for (GeneralName name : requested) {
      names.add(checked(name));
    }
    if (names.isEmpty()) {
      throw policy("csr", "the request names nothing: put a host name in the CN, ask for subjectAltNames, or give a host");
    }
    if (names.size() > MAX_NAMES) {
      throw tooMany("csr", names.size());
    }
    return new ArrayList<>(names);
  }

  private static Optional<String> commonName(X500Name subject) {
    RDN[] cns = subject.getRDNs(BCStyle.CN);
    if (cns.length > 1 || (cns.length == 1 && cns[0].isMultiValued())) {
      throw policy("subject", "the subject has more than one common name; give one and list the others as subjectAltNames");
    }
    if (cns.length == 0) {
      return Optional.empty();
    }
    // Any ASN.1 value fits an attribute; a CN that is not a string (a signed CSR may carry an INTEGER) is refused.
    if (!(cns[0].getFirst().getValue() instanceof ASN1String cn)) {
      throw policy("subject", "the subject's common name is not a string");
    }
    try {
      return Optional.of(cn.getString());
    } catch (IllegalArgumentException e) {
      throw policy("subject", "the subject's common name is not valid text: " + e.getMessage()); // e.g. invalid UTF-8
    }
  }

  private static GeneralName host(String host) {
    if (!Hostnames.isHostname(host)) {
      throw policy("host", "host '" + printable(host) + "' is not a valid DNS host name" + (Hostnames.isIpAddress(host)
          ? "; put IP addresses in subjectAltNames" : ""));
    }
    return new GeneralName(GeneralName.dNSName, host.toLowerCase(Locale.ROOT));
  }

  private static GeneralName fromString(String name) {
    if (name == null || name.isEmpty()) {
      throw policy("subjectAltNames", "a subjectAltName is " + (name == null ? "null" : "empty") + "; name a host or an address");
    }
    if (Hostnames.isIpAddress(name)) {
      return new GeneralName(GeneralName.iPAddress, name);
    }
    if (Hostnames.isHostname(name)) {
      return new GeneralName(GeneralName.dNSName, name.toLowerCase(Locale.ROOT));
    }
    throw policy("subjectAltNames", "the subjectAltName '" + printable(name) + "' is neither a DNS host name nor an IPv4 or IPv6 address");
  }

  private static GeneralName fromCommonName(String cn) {
    if (Hostnames.isIpAddress(cn)) {
      return new GeneralName(GeneralName.iPAddress, cn);
    }
    if (Hostnames.isHostname(cn)) {
      return new GeneralName(GeneralName.dNSName, cn.toLowerCase(Locale.ROOT));
    }
    throw policy("subject", "the common name '" + printable(cn) + "' is neither a host name nor an IP address, but it must also be a"
        + " subjectAltName; put the host name in the CN");
  }

  private static GeneralName checked(GeneralName name) {
    switch (name.getTagNo()) {
      case GeneralName.dNSName -> {
        String dns = ((ASN1String) name.getName()).getString();
        if (!Hostnames.isHostname(dns)) {
          throw policy("csr", "the subjectAltName DNS:" + printable(dns) + " is not a valid host name");
        }
        return new GeneralName(GeneralName.dNSName, dns.toLowerCase(Locale.ROOT));
      }
      case GeneralName.iPAddress -> {
        int length = ASN1OctetString.getInstance(name.getName()).getOctets().length;
        if (length != 4 && length != 16) {
          throw policy("csr", "a subjectAltName IP address has " + length + " octets; IPv4 has 4, IPv6 16");
        }
        return name;
      }
      default -> throw policy("csr", "the CSR asks for a subjectAltName of type " + typeName(name.getTagNo())
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

  private static RequestProblem tooMany(String field, int count) {
    return policy(field, "the request names " + count + " subjectAltNames; at most " + MAX_NAMES + " are issued");
  }

  private static RequestProblem policy(String field, String detail) {
    return new RequestProblem(ErrorCode.POLICY_VIOLATION, field, detail);
  }

  private static String printable(String name) {
    return Echo.of(name);
  }
}
