package io.eventca.checks.subject;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The subject attributes eventca issues, each with the string types it may be written in and its upper bound in
 * characters (RFC 5280 Appendix A; DC as one DNS label). A DirectoryString is read only as UTF8String or
 * PrintableString (RFC 5280 4.1.2.6: what conforming CAs must use); emailAddress and DC only as IA5String, as RFC 5280
 * and RFC 4519 define them. Any other type (BMPString, UniversalString, TeletexString, ...) is refused: two readers
 * decode those differently (the JDK reads a BMPString's octets one per character, Bouncy Castle two), and that gap
 * once let a requester obtain an admin certificate.
 *
 * <p>{@link #maxOccurrences} bounds how often an attribute may appear, so that the longest subject eventca can sign
 * has a known rendered length ({@link Subjects#MAX_RENDERED_LENGTH}) from which the projection's columns are sized.
 */
public enum SubjectAttribute {
  COUNTRY("C", "country", BCStyle.C, 2, 1, BERTags.PRINTABLE_STRING),
  STATE("ST", "state", BCStyle.ST, 128, 1, BERTags.UTF8_STRING, BERTags.PRINTABLE_STRING),
  LOCALITY("L", "locality", BCStyle.L, 128, 1, BERTags.UTF8_STRING, BERTags.PRINTABLE_STRING),
  ORGANIZATION("O", "organization", BCStyle.O, 64, 1, BERTags.UTF8_STRING, BERTags.PRINTABLE_STRING),
  ORGANIZATIONAL_UNIT("OU", "organizationalUnit", BCStyle.OU, 64, 4, BERTags.UTF8_STRING, BERTags.PRINTABLE_STRING),
  COMMON_NAME("CN", "commonName", BCStyle.CN, 64, 1, BERTags.UTF8_STRING, BERTags.PRINTABLE_STRING),
  EMAIL("E", "email", BCStyle.EmailAddress, 255, 1, BERTags.IA5_STRING),
  DOMAIN_COMPONENT("DC", "domainComponent", BCStyle.DC, 63, 8, BERTags.IA5_STRING),
  SERIAL_NUMBER("SERIALNUMBER", "serialNumber", BCStyle.SERIALNUMBER, 64, 1, BERTags.PRINTABLE_STRING);

  private final String label;
  private final String field;
  private final ASN1ObjectIdentifier oid;
  private final int maxLength;
  private final int maxOccurrences;
  private final Set<Integer> stringTags;

  SubjectAttribute(String label, String field, ASN1ObjectIdentifier oid, int maxLength, int maxOccurrences, Integer... stringTags) {
    this.label = label;
    this.field = field;
    this.oid = oid;
    this.maxLength = maxLength;
    this.maxOccurrences = maxOccurrences;
    this.stringTags = Set.of(stringTags);
  }

  /** The short name in a rendered subject, as Bouncy Castle and OpenSSL write it (C, ST, L, O, OU, CN, E, DC, SERIALNUMBER). */
  public String label() {
    return label;
  }

  /** The name of the attribute in requests and policies: the field of {@link io.eventca.events.SubjectName}. */
  public String field() {
    return field;
  }

  public ASN1ObjectIdentifier oid() {
    return oid;
  }

  /** The upper bound, in characters. */
  public int maxLength() {
    return maxLength;
  }

  public int maxOccurrences() {
    return maxOccurrences;
  }

  boolean allows(int tag) {
    return stringTags.contains(tag);
  }

  /** The types it may be written in, for messages: "UTF8String or PrintableString". */
  String stringTypes() {
    return String.join(" or ", stringTags.stream().sorted().map(SubjectAttribute::tagName).toList());
  }

  public static Optional<SubjectAttribute> byOid(ASN1ObjectIdentifier oid) {
    return Arrays.stream(values()).filter(a -> a.oid.equals(oid)).findFirst();
  }

  public static Optional<SubjectAttribute> byField(String field) {
    return Arrays.stream(values()).filter(a -> a.field.equals(field)).findFirst();
  }

  static String tagName(int tag) {
    return switch (tag) {
      case BERTags.UTF8_STRING -> "UTF8String";
      case BERTags.PRINTABLE_STRING -> "PrintableString";
      case BERTags.IA5_STRING -> "IA5String";
      case BERTags.BMP_STRING -> "BMPString";
      case BERTags.UNIVERSAL_STRING -> "UniversalString";
      case BERTags.T61_STRING -> "TeletexString";
      case BERTags.VISIBLE_STRING -> "VisibleString";
      case BERTags.GENERAL_STRING -> "GeneralString";
      case BERTags.GRAPHIC_STRING -> "GraphicString";
      case BERTags.NUMERIC_STRING -> "NumericString";
      case BERTags.VIDEOTEX_STRING -> "VideotexString";
      default -> "ASN.1 tag " + tag;
    };
  }
}
