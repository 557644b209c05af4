package io.eventca.checks.subject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The one subject decoder. Every part of eventca that reads a subject reads it here: the issuer's name and policy
 * rules and its lint, the login of client certificates, the projection that records what was issued. {@link #decode}
 * is strict (what eventca issues and what it accepts as a credential); {@link #render} is the one way a subject becomes
 * text, total (it never throws, for certificates eventca did not make too) and safe to store and show: values of
 * another string type are written as {@code #} and their DER in hex (RFC 4514 2.4), never as text that a second reader
 * might decode differently, and characters {@link SubjectText} forbids are escaped as {@code \XX}.
 */
public final class Subjects {
  /** The most RDNs a subject may have: every attribute at its {@link SubjectAttribute#maxOccurrences}. */
  public static final int MAX_RDNS = Arrays.stream(SubjectAttribute.values()).mapToInt(SubjectAttribute::maxOccurrences).sum();

  /**
   * The longest rendering of a subject {@link #decode} accepts: each attribute as often as it may occur, at its upper
   * bound, with every character escaped, plus the separators. The projection's subject columns are at least this wide.
   */
  public static final int MAX_RENDERED_LENGTH = Arrays.stream(SubjectAttribute.values())
      .mapToInt(a -> a.maxOccurrences() * (a.label().length() + 1 + 2 * a.maxLength())).sum() + MAX_RDNS - 1;

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern PRINTABLE = Pattern.compile("[A-Za-z0-9 '()+,\\-./:=?]*");
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
  /** RFC 5322 dot-atom local part (no quoted strings), then a host name of two or more labels. */
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@" + LABEL + "(?:\\." + LABEL + ")+");
  private static final HexFormat HEX = HexFormat.of();

  private Subjects() {}

  /** Reads a subject from its DER encoding. */
  public static DecodedSubject decode(byte[] der) {
    X500Name name;
    try {
      name = X500Name.getInstance(der);
    } catch (RuntimeException e) {
      throw new SubjectProblem("subject", "the subject is not a valid X.500 name");
    }
    return decode(name);
  }

  /**
   * @throws SubjectProblem for a multi-valued RDN, an attribute eventca does not issue, a value of another string type
   *     than the attribute allows, a value that is too long or that {@link SubjectText} refuses, a country that is not
   *     an ISO 3166 code, a malformed e-mail address or domain component, an attribute more often than it may occur
   */
  public static DecodedSubject decode(X500Name name) {
    RDN[] rdns;
    try {
      rdns = name.getRDNs();
    } catch (RuntimeException e) {
      throw new SubjectProblem("subject", "the subject is not a valid X.500 name");
    }
    if (rdns.length > MAX_RDNS) {
      throw new SubjectProblem("subject", "the subject has " + rdns.length + " attributes; at most " + MAX_RDNS + " are read");
    }
    List<DecodedSubject.Attribute> attributes = new ArrayList<>();
    Map<SubjectAttribute, Integer> seen = new EnumMap<>(SubjectAttribute.class);
    for (RDN rdn : rdns) {
      AttributeTypeAndValue[] values = typesAndValues(rdn);
      if (values.length != 1) {
        throw new SubjectProblem("subject", "the subject has a multi-valued RDN (" + render(name)
            + "); each attribute must be an RDN of its own");
      }
      DecodedSubject.Attribute attribute = attribute(values[0]);
      if (seen.merge(attribute.type(), 1, Integer::sum) > attribute.type().maxOccurrences()) {
        throw new SubjectProblem(attribute.type().field(), "the subject has more than " + attribute.type().maxOccurrences()
            + " " + attribute.type().label() + " attribute" + (attribute.type().maxOccurrences() == 1 ? "" : "s"));
      }
      attributes.add(attribute);
    }
    return new DecodedSubject(attributes, render(name));
  }

  private static DecodedSubject.Attribute attribute(AttributeTypeAndValue atv) {
    Optional<SubjectAttribute> known = SubjectAttribute.byOid(atv.getType());
    if (known.isEmpty()) {
      throw new SubjectProblem("subject", "the subject has attribute " + displayName(atv) + ", which eventca does not issue (it issues "
          + String.join(", ", Arrays.stream(SubjectAttribute.values()).map(SubjectAttribute::label).toList()) + ")");
    }
    SubjectAttribute type = known.get();
    byte[] der = der(atv.getValue());
    int tag = der == null ? -1 : der[0] & 0xff;
    if (der == null || !type.allows(tag)) {
      throw new SubjectProblem(type.field(), type.label() + " is " + (der == null ? "no string" : "a " + SubjectAttribute.tagName(tag))
          + "; eventca reads " + type.label() + " only as " + type.stringTypes());
    }
    String value = text(tag, content(der)).orElseThrow(() -> new SubjectProblem(type.field(),
        type.label() + " is not a well-formed " + SubjectAttribute.tagName(tag)));
    check(type, value);
    return new DecodedSubject.Attribute(type, value);
  }

  /**
   * The rules of one attribute's value, for values read from a subject and for values given as fields of a request
   * ({@link SubjectFields}), so both are held to the same limits.
   */
  static void check(SubjectAttribute type, String value) {
    SubjectText.problem(value).ifPresent(problem -> {
      throw new SubjectProblem(type.field(), type.label() + " " + problem);
    });
    if (type == SubjectAttribute.COUNTRY && !COUNTRIES.contains(value)) {
      throw new SubjectProblem(type.field(), "C must be an ISO 3166-1 alpha-2 country code in capitals, was '" + value + "'");
    }
    int length = value.codePointCount(0, value.length());
    if (length > type.maxLength()) {
      throw new SubjectProblem(type.field(), type.label() + " has " + length + " characters; at most " + type.maxLength() + " are allowed");
    }
    switch (type) {
      case EMAIL -> {
        if (!EMAIL.matcher(value).matches()) {
          throw new SubjectProblem(type.field(), "E must be an ASCII e-mail address (local part @ host name)");
        }
      }
      case DOMAIN_COMPONENT -> {
        if (!DNS_LABEL.matcher(value).matches()) {
          throw new SubjectProblem(type.field(), "DC must be one DNS label (letters, digits and hyphens)");
        }
      }
      default -> { }
    }
  }

  /**
   * The subject as text: RDNs in their encoded order, {@code LABEL=value} joined by commas (multi-valued RDNs by
   * {@code +}), values escaped as RFC 4514 does. Never throws; the result contains no control characters.
   */
  public static String render(X500Name name) {
    StringBuilder out = new StringBuilder();
    RDN[] rdns;
    try {
      rdns = name.getRDNs();
    } catch (RuntimeException e) {
      return "#" + hexOf(name);
    }
    for (RDN rdn : rdns) {
      if (out.length() > 0) {
        out.append(',');
      }
      AttributeTypeAndValue[] values = typesAndValues(rdn);
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          out.append('+');
        }
        renderAttribute(values[i], out);
      }
    }
    return out.toString();
  }

  /** {@link #render}, cut to {@code max} characters (marked with an ellipsis) for a column that must hold any name. */
  public static String render(X500Name name, int max) {
    String text = render(name);
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static void renderAttribute(AttributeTypeAndValue atv, StringBuilder out) {
    Optional<SubjectAttribute> known = SubjectAttribute.byOid(atv.getType());
    out.append(known.map(SubjectAttribute::label).orElseGet(() -> displayName(atv))).append('=');
    byte[] der = der(atv.getValue());
    if (der == null) {
      out.append('#');
      return;
    }
    int tag = der[0] & 0xff;
    Optional<String> text = known.isPresent() && known.get().allows(tag) ? text(tag, content(der)) : Optional.empty();
    if (text.isEmpty()) {
      out.append('#').append(HEX.formatHex(der));
      return;
    }
    escape(text.get(), out);
  }

  /** RFC 4514 2.4, plus every character {@link SubjectText} forbids written as its UTF-8 octets in hex. */
  private static void escape(String value, StringBuilder out) {
    int[] cps = value.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      boolean edge = (i == 0 && (cp == ' ' || cp == '#')) || (i == cps.length - 1 && cp == ' ');
      if (SubjectText.forbidden(cp)) {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          out.append('\\').append(HEX.toHexDigits(b).toUpperCase(Locale.ROOT));
        }
      } else if (edge || ",+\"\\<>;=".indexOf(cp) >= 0) {
        out.append('\\').appendCodePoint(cp);
      } else {
        out.appendCodePoint(cp);
      }
    }
  }

  /** The value's text when its content octets are exactly what its tag allows; empty otherwise. */
  private static Optional<String> text(int tag, byte[] content) {
    try {
      String text = switch (tag) {
        case BERTags.UTF8_STRING -> StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        case BERTags.PRINTABLE_STRING -> {
          String ascii = new String(content, StandardCharsets.US_ASCII);
          yield PRINTABLE.matcher(ascii).matches() ? ascii : null;
        }
        case BERTags.IA5_STRING -> {
          for (byte b : content) {
            if (b < 0) {
              yield null;
            }
          }
          yield new String(content, StandardCharsets.US_ASCII);
        }
        default -> null;
      };
      return Optional.ofNullable(text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static AttributeTypeAndValue[] typesAndValues(RDN rdn) {
    try {
      return rdn.getTypesAndValues();
    } catch (RuntimeException e) {
      throw new SubjectProblem("subject", "the subject has a malformed RDN");
    }
  }

  /** The value's DER, or null when it cannot be encoded or is not a primitive universal type. */
  private static byte[] der(ASN1Encodable value) {
    try {
      byte[] der = value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
      return der.length >= 2 && (der[0] & 0xe0) == 0 ? der : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The content octets of a DER TLV with a one-byte tag. */
  private static byte[] content(byte[] der) {
    int first = der[1] & 0xff;
    int offset = 2;
    if (first >= 0x80) {
      offset += first & 0x7f;
    }
    return Arrays.copyOfRange(der, Math.min(offset, der.length), der.length);
  }

  private static String displayName(AttributeTypeAndValue atv) {
    String name = BCStyle.INSTANCE.oidToDisplayName(atv.getType());
    return name != null ? name : atv.getType().getId();
  }

  private static String hexOf(X500Name name) {
    try {
      return HEX.formatHex(name.getEncoded(ASN1Encoding.DER));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
