package io.eventca.ca.search;

import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.projection.Certificates;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * One certificate as a line of OpenSSL's CA database ({@code index.txt}, what {@code openssl ca} keeps and the Security
 * Pack's scripts read): status V, R or E, notAfter, revocation time and reason, serial, file name, subject. So
 * {@code openssl ca -gencrl} can build a CRL from eventca's history. Times in UTCTime before 2050 and GeneralizedTime
 * from then on, as RFC 5280 encodes them and OpenSSL writes them.
 */
final class IndexTxt {
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final Instant YEAR_2050 = Instant.parse("2050-01-01T00:00:00Z");
  /** OpenSSL's short names for the attributes eventca issues. */
  private static final Map<ASN1ObjectIdentifier, String> NAMES = Map.of(BCStyle.C, "C", BCStyle.ST, "ST", BCStyle.L, "L",
      BCStyle.O, "O", BCStyle.OU, "OU", BCStyle.CN, "CN", BCStyle.EmailAddress, "emailAddress", BCStyle.DC, "DC",
      BCStyle.SERIALNUMBER, "serialNumber");

  private IndexTxt() {}

  /** The line for {@code row} as of {@code at}, without its line break. */
  static String line(CertificateRecord row, Instant at, boolean revoked) {
    String status = revoked ? "R" : row.notAfter.isBefore(at) ? "E" : "V";
    String revocation = revoked ? time(row.revokedAt) + reason(row.revocationReason) : "";
    String serial = row.serialNumber.toUpperCase(Locale.ROOT);
    return String.join("\t", status, time(row.notAfter), revocation, serial.length() % 2 == 0 ? serial : "0" + serial, "unknown",
        subject(row));
  }

  private static String time(Instant instant) {
    return (instant.isBefore(YEAR_2050) ? UTC_TIME : GENERALIZED).format(instant);
  }

  /** The reasons openssl ca reads back; privilegeWithdrawn and aACompromise it does not know, so they go without one. */
  private static String reason(String reason) {
    if (reason == null) {
      return "";
    }
    return switch (reason) {
      // unspecified goes without one: RFC 5280 5.3.1 says a CRL entry then carries no reasonCode, and openssl ca adds one.
      case "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold",
          "removeFromCRL" -> "," + reason;
      case "cACompromise" -> ",CACompromise";
      default -> "";
    };
  }

  /** The subject in OpenSSL's one-line form, in the certificate's order: /C=US/O=Example/CN=host. */
  private static String subject(CertificateRecord row) {
    X509CertificateHolder certificate = Certificates.parse(row.certificatePem);
    if (certificate == null) {
      return "/CN=unknown";
    }
    StringBuilder line = new StringBuilder();
    for (RDN rdn : certificate.getSubject().getRDNs()) {
      for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
        String value = attribute.getValue() instanceof ASN1String text ? text.getString() : attribute.getValue().toString();
        // A tab or line break would break the line; a / would start another attribute.
        value = value.replace("\\", "\\\\").replace("/", "\\/").replaceAll("[\\t\\r\\n]", " ");
        line.append('/').append(NAMES.getOrDefault(attribute.getType(), attribute.getType().getId())).append('=').append(value);
      }
    }
    return line.length() == 0 ? "/" : line.toString();
  }
}
