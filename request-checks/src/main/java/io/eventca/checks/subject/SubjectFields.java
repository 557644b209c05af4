package io.eventca.checks.subject;

import io.eventca.events.SubjectName;
import java.text.Normalizer;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The subject fields of create_ca.sh / create_cert.sh (-CN -E -OU -O -L -S -C) as requests carry them: tidied the way a
 * person means them (surrounding white space dropped, NFC, the country in capitals), then held to exactly the rules of
 * {@link Subjects#decode}, so ca-service refuses at the door what the issuer would refuse, and the issuer signs only
 * what every reader can read back.
 */
public final class SubjectFields {
  private SubjectFields() {}

  /**
   * @return the subject as eventca will certify it
   * @throws SubjectProblem naming the field that breaks a rule
   */
  public static SubjectName normalize(SubjectName subject) {
    if (subject == null || subject.commonName() == null || subject.commonName().isBlank()) {
      throw new SubjectProblem(SubjectAttribute.COMMON_NAME.field(), "the subject needs a common name (CN)");
    }
    String country = tidy(SubjectAttribute.COUNTRY, subject.country());
    SubjectName tidy = new SubjectName(tidy(SubjectAttribute.COMMON_NAME, subject.commonName()),
        tidy(SubjectAttribute.EMAIL, subject.email()), tidy(SubjectAttribute.ORGANIZATIONAL_UNIT, subject.organizationalUnit()),
        tidy(SubjectAttribute.ORGANIZATION, subject.organization()), tidy(SubjectAttribute.LOCALITY, subject.locality()),
        tidy(SubjectAttribute.STATE, subject.state()), country == null ? null : country.toUpperCase(Locale.ROOT));
    check(SubjectAttribute.COMMON_NAME, tidy.commonName());
    check(SubjectAttribute.EMAIL, tidy.email());
    check(SubjectAttribute.ORGANIZATIONAL_UNIT, tidy.organizationalUnit());
    check(SubjectAttribute.ORGANIZATION, tidy.organization());
    check(SubjectAttribute.LOCALITY, tidy.locality());
    check(SubjectAttribute.STATE, tidy.state());
    check(SubjectAttribute.COUNTRY, tidy.country());
    return tidy;
  }

  /**
   * The X.500 name, most significant first (C, ST, L, O, OU, CN, emailAddress) as OpenSSL writes it, in the string types
   * RFC 5280 asks for (PrintableString for C, IA5String for the e-mail address, UTF8String for the rest).
   */
  public static X500Name toX500Name(SubjectName subject) {
    SubjectName s = normalize(subject);
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    add(builder, SubjectAttribute.COUNTRY, s.country());
    add(builder, SubjectAttribute.STATE, s.state());
    add(builder, SubjectAttribute.LOCALITY, s.locality());
    add(builder, SubjectAttribute.ORGANIZATION, s.organization());
    add(builder, SubjectAttribute.ORGANIZATIONAL_UNIT, s.organizationalUnit());
    add(builder, SubjectAttribute.COMMON_NAME, s.commonName());
    add(builder, SubjectAttribute.EMAIL, s.email());
    X500Name name = builder.build();
    Subjects.decode(name); // what was built must read back under the same rules
    return name;
  }

  /**
   * The value encoded here, never through BCStyle's string parsing, which reads a value starting with "#" as hex DER
   * and drops a leading backslash: the certificate must carry exactly what the event records.
   */
  private static void add(X500NameBuilder builder, SubjectAttribute type, String value) {
    if (value != null) {
      org.bouncycastle.asn1.ASN1Encodable encoded = switch (type) {
        case COUNTRY -> new org.bouncycastle.asn1.DERPrintableString(value);
        case EMAIL -> new org.bouncycastle.asn1.DERIA5String(value);
        default -> new org.bouncycastle.asn1.DERUTF8String(value);
      };
      builder.addRDN(type.oid(), encoded);
    }
  }

  private static void check(SubjectAttribute type, String value) {
    if (value != null) {
      Subjects.check(type, value);
    }
  }

  /** Absent is "not given"; given, it is stripped and put in NFC, and must not be blank. */
  private static String tidy(SubjectAttribute type, String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw new SubjectProblem(type.field(), "must not be blank when given");
    }
    return Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
  }
}
