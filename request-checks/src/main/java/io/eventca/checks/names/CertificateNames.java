package io.eventca.checks.names;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The names a certificate is for, as the issuance history records them and as a search for one is read: DNS names and
 * e-mail addresses in lower case, IP addresses in their canonical text ({@link IpNames}, so {@code fd00:0::1} finds
 * {@code fd00::1}), URIs as written. One reading for the projection that stores the names and the search that asks for
 * them, so a name stored is a name found.
 */
public final class CertificateNames {
  /** The kinds of subjectAltName the history records. */
  public enum Kind {
    DNS,
    IP,
    EMAIL,
    URI
  }

  /** One subjectAltName of a certificate, in its search form. */
  public record Name(Kind kind, String value) {}

  private static final java.util.regex.Pattern IPV6_MAPPED =
      java.util.regex.Pattern.compile("(?i)[0:]*:ffff:(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

  private CertificateNames() {}

  /** The certificate's subjectAltNames of the four kinds, each once, in the certificate's order. */
  public static List<Name> of(X509CertificateHolder certificate) {
    Extension extension = certificate.getExtension(Extension.subjectAlternativeName);
    if (extension == null) {
      return List.of();
    }
    Set<Name> names = new LinkedHashSet<>();
    for (GeneralName name : GeneralNames.getInstance(extension.getParsedValue()).getNames()) {
      switch (name.getTagNo()) {
        case GeneralName.dNSName -> names.add(new Name(Kind.DNS, text(name).toLowerCase(Locale.ROOT)));
        case GeneralName.rfc822Name -> names.add(new Name(Kind.EMAIL, text(name).toLowerCase(Locale.ROOT)));
        case GeneralName.uniformResourceIdentifier -> names.add(new Name(Kind.URI, text(name)));
        case GeneralName.iPAddress -> names.add(new Name(Kind.IP, IpNames.of(ASN1OctetString.getInstance(name.getName()).getOctets())));
        default -> {
          // other name forms (directoryName, otherName) are not issued by eventca and not searched
        }
      }
    }
    return new ArrayList<>(names);
  }

  /**
   * What a searcher's {@code san} value is looked up as: an IP literal canonical, anything else in lower case but a URI
   * (a URI's path is case-sensitive), so {@code DB.Internal} finds {@code db.internal}.
   */
  public static String searchForm(String value) {
    String trimmed = value.strip();
    if (IpNames.isIp(trimmed) || IPV6_MAPPED.matcher(trimmed).matches()) {
      // An IPv4-mapped IPv6 address is no name a request may hold, but a certificate can: ::ffff:10.0.0.1 finds it.
      return IpNames.canonical(trimmed);
    }
    return trimmed.contains("://") ? trimmed : trimmed.toLowerCase(Locale.ROOT);
  }

  private static String text(GeneralName name) {
    return ASN1IA5String.getInstance(name.getName()).getString();
  }
}
