package io.eventca.issuer.ca;

import io.eventca.events.SubjectName;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The create_ca.sh / create_cert.sh subject fields (-CN -E -OU -O -L -S -C) as an X.500 name, most significant
 * first (C, ST, L, O, OU, CN, emailAddress) as OpenSSL writes them; absent fields are left out. Upper bounds are
 * RFC 5280's. CA subjects and requested end-entity subjects are built here alike.
 */
public final class SubjectNames {
  private SubjectNames() {}

  public static X500Name toX500Name(SubjectName subject) {
    if (subject == null || subject.commonName() == null || subject.commonName().isBlank()) {
      throw CaParameters.policy("the subject needs a common name (CN)");
    }
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    if (present(subject.country())) {
      if (!subject.country().matches("[A-Za-z]{2}")) {
        throw CaParameters.policy("country (C) must be a two-letter code, was '" + subject.country() + "'");
      }
      builder.addRDN(BCStyle.C, subject.country().toUpperCase(java.util.Locale.ROOT));
    }
    add(builder, BCStyle.ST, "state (ST)", subject.state(), 128);
    add(builder, BCStyle.L, "locality (L)", subject.locality(), 128);
    add(builder, BCStyle.O, "organization (O)", subject.organization(), 64);
    add(builder, BCStyle.OU, "organizational unit (OU)", subject.organizationalUnit(), 64);
    add(builder, BCStyle.CN, "common name (CN)", subject.commonName(), 64);
    if (present(subject.email())) {
      if (!subject.email().matches("[\\x21-\\x7e&&[^@]]+@[A-Za-z0-9.-]+") || subject.email().length() > 255) {
        throw CaParameters.policy("email (E) must be an ASCII mail address of at most 255 characters");
      }
      builder.addRDN(BCStyle.EmailAddress, subject.email());
    }
    return builder.build();
  }

  private static void add(X500NameBuilder builder, ASN1ObjectIdentifier type, String field, String value, int max) {
    if (!present(value)) {
      return;
    }
    if (value.length() > max) {
      throw CaParameters.policy(field + " must be at most " + max + " characters");
    }
    // NUL, line breaks and escapes in a name end up in logs, UIs and string-compared DNs of relying parties.
    if (value.codePoints().anyMatch(Character::isISOControl)) {
      throw CaParameters.policy(field + " must not contain control characters");
    }
    builder.addRDN(type, value.strip());
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
