package io.eventca.checks.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.DERVisibleString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SubjectsTest {
  record Case(String name, String attribute, String encoding, String value, String expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    try (InputStream in = SubjectsTest.class.getResourceAsStream("/subjects/cases.psv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\\|", -1))
          .map(c -> new Case(c[0].strip(), c[1].strip(), c[2].strip(), unescape(c[3].strip()), c[4].strip()))
          .toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachHostileAttributeIsRefusedAndEachGoodOneReadsAsTheJdkReadsIt(Case c) throws Exception {
    X500Name name = new X500Name(new RDN[] {
        new RDN(new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("x.example"))),
        new RDN(new AttributeTypeAndValue(oid(c.attribute()), value(c.encoding(), c.value())))});
    if (c.expect().equals("ok")) {
      DecodedSubject decoded = Subjects.decode(name);
      assertThat(decoded.attributes()).hasSize(2);
      assertThat(decoded.attributes().get(1).value()).isEqualTo(c.value());
      // The JDK (ca-service's TLS stack) must read the same text from the same bytes.
      List<Rdn> jdk = new LdapName(new X500Principal(name.getEncoded()).getName()).getRdns();
      // RFC 2253 has keywords for few attributes: the JDK shows the others as the value's DER, which must be ours.
      Object jdkValue = jdk.get(1).getValue();
      if (jdkValue instanceof byte[] der) {
        assertThat(der).isEqualTo(name.getRDNs()[1].getFirst().getValue().toASN1Primitive().getEncoded());
      } else {
        assertThat(jdkValue).isEqualTo(c.value());
      }
      assertThat(Subjects.render(name)).isEqualTo(decoded.toString());
    } else {
      String words = c.expect().substring("refused:".length()).strip();
      assertThatThrownBy(() -> Subjects.decode(name)).isInstanceOf(SubjectProblem.class).hasMessageContaining(words);
    }
    String rendered = Subjects.render(name);
    assertThat(rendered.codePoints()).noneMatch(SubjectText::forbidden);
  }

  @Test
  void aBmpStringRoleIsRenderedAsHexAndGrantsNothing() {
    X500Name name = new X500Name(new RDN[] {
        new RDN(new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("mallory"))),
        new RDN(new AttributeTypeAndValue(BCStyle.OU, value("BMP-OCTETS", "eventca-role:admin")))});
    assertThat(Subjects.render(name)).isEqualTo("CN=mallory,OU=#1e126576656e7463612d726f6c653a61646d696e");
  }

  @Test
  void aMultiValuedRdnIsRefused() {
    X500Name name = new X500Name(new RDN[] {new RDN(new AttributeTypeAndValue[] {
        new AttributeTypeAndValue(BCStyle.OU, new DERUTF8String("ok.example")),
        new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("other.example"))})});
    assertThatThrownBy(() -> Subjects.decode(name)).hasMessageContaining("multi-valued RDN");
    assertThat(Subjects.render(name)).isEqualTo("OU=ok.example+CN=other.example");
  }

  @Test
  void anAttributeMoreOftenThanItMayOccurIsRefused() {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "a").addRDN(BCStyle.CN, "b");
    assertThatThrownBy(() -> Subjects.decode(builder.build())).hasMessageContaining("more than 1 CN");
  }

  @Test
  void renderingEscapesAsRfc4514AndAgreesWithBouncyCastleForOrdinaryNames() {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, "US").addRDN(BCStyle.ST, "CA").addRDN(BCStyle.L, "Daly City")
        .addRDN(BCStyle.O, "Genesys, Inc.").addRDN(BCStyle.OU, "R+D").addRDN(BCStyle.CN, "host.example")
        .addRDN(BCStyle.EmailAddress, "ops@example.com").build();
    assertThat(Subjects.render(name)).isEqualTo(name.toString())
        .isEqualTo("C=US,ST=CA,L=Daly City,O=Genesys\\, Inc.,OU=R\\+D,CN=host.example,E=ops@example.com");
    assertThat(Subjects.decode(name).toString()).isEqualTo(name.toString());
  }

  @Test
  void renderingEscapesForbiddenCharactersAsTheirUtf8Octets() {
    X500Name name = new X500Name(new RDN[] {new RDN(new AttributeTypeAndValue(BCStyle.O, new DERUTF8String("a\u0000b\u202ec")))});
    assertThat(Subjects.render(name)).isEqualTo("O=a\\00b\\E2\\80\\AEc");
  }

  @Test
  void theLongestAcceptedSubjectFitsTheBoundAndMoreAttributesAreRefused() {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    for (SubjectAttribute a : SubjectAttribute.values()) {
      for (int i = 0; i < a.maxOccurrences(); i++) {
        builder.addRDN(a.oid(), longest(a));
      }
    }
    X500Name longest = builder.build();
    assertThat(Subjects.decode(longest).toString().length()).isLessThanOrEqualTo(Subjects.MAX_RENDERED_LENGTH);
    X500Name tooMany = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, "a").addRDN(BCStyle.OU, "b").addRDN(BCStyle.OU, "c")
        .addRDN(BCStyle.OU, "d").addRDN(BCStyle.OU, "e").build();
    assertThatThrownBy(() -> Subjects.decode(tooMany)).hasMessageContaining("more than 4 OU");
  }

  @Test
  void renderingClampsForAColumnButDecodingNeverDoes() {
    X500Name big = new X500Name(new RDN[] {new RDN(new AttributeTypeAndValue(BCStyle.O, new DERUTF8String("o".repeat(5000))))});
    assertThat(Subjects.render(big, 100)).hasSize(100).endsWith("…");
    assertThatThrownBy(() -> Subjects.decode(big)).hasMessageContaining("at most 64");
  }

  /** A value of the attribute's upper bound, made only of characters the renderer escapes, where its syntax allows. */
  private static String longest(SubjectAttribute a) {
    return switch (a) {
      case COUNTRY -> "US";
      case EMAIL -> "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
      case DOMAIN_COMPONENT -> "d".repeat(63);
      case SERIAL_NUMBER -> "+".repeat(64);
      default -> "x" + ",".repeat(a.maxLength() - 2) + "x";
    };
  }

  private static ASN1ObjectIdentifier oid(String attribute) {
    return attribute.matches("[0-9.]+") ? new ASN1ObjectIdentifier(attribute)
        : SubjectAttribute.valueOf(Stream.of(SubjectAttribute.values()).filter(a -> a.label().equals(attribute)).findFirst().orElseThrow().name()).oid();
  }

  static ASN1Encodable value(String encoding, String value) {
    try {
      return switch (encoding) {
        case "UTF8" -> new DERUTF8String(value);
        case "PRINTABLE" -> new DERPrintableString(value);
        case "IA5" -> new DERIA5String(value);
        case "BMP" -> new DERBMPString(value);
        case "VISIBLE" -> new DERVisibleString(value);
        case "T61" -> new DERT61String(value);
        case "UNIVERSAL" -> new DERUniversalString(utf32(value));
        case "BMP-OCTETS" -> tlv(0x1e, value.getBytes(StandardCharsets.US_ASCII));
        case "UTF8-HEX" -> tlv(0x0c, HexFormat.of().parseHex(value));
        default -> throw new IllegalArgumentException(encoding);
      };
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf32(String value) {
    return value.getBytes(java.nio.charset.Charset.forName("UTF-32BE"));
  }

  private static ASN1Primitive tlv(int tag, byte[] content) throws IOException {
    byte[] der = new byte[content.length + 2];
    der[0] = (byte) tag;
    der[1] = (byte) content.length;
    System.arraycopy(content, 0, der, 2, content.length);
    return ASN1Primitive.fromByteArray(der);
  }

  /** {@code \\uXXXX}, {@code \\r}, {@code \\n} and {@code c*N} (a character N times). */
  static String unescape(String text) {
    Matcher repeat = Pattern.compile("^(.)\\*(\\d+)(.*)$").matcher(text);
    if (repeat.matches()) {
      return repeat.group(1).repeat(Integer.parseInt(repeat.group(2))) + repeat.group(3);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        switch (next) {
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
            i += 4;
          }
          case 'r' -> out.append('\r');
          case 'n' -> out.append('\n');
          default -> out.append(next);
        }
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
