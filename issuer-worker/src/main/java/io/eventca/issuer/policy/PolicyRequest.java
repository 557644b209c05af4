package io.eventca.issuer.policy;

import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * What a policy judges: the CA, profile and validity asked for, and every name the certificate would carry
 * (the subject's common names and each subjectAltName), as decided by step 1, not as the CSR claims.
 */
public record PolicyRequest(CaId caId, String profile, int validityDays, List<String> names, List<String> organizationalUnits) {

  /** The OU prefix that ca-service reads roles from in client certificates (mutual TLS). */
  public static final String ROLE_PREFIX = "eventca-role:";

  public PolicyRequest(CaId caId, String profile, int validityDays, List<String> names) {
    this(caId, profile, validityDays, names, List.of());
  }

  public static PolicyRequest of(CertificateRequested request, X500Name subject, List<GeneralName> altNames) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    List<String> units = new ArrayList<>();
    // Every CN value, also those inside a multi-valued RDN (OU=ok.example+CN=other.example): none may hide.
    for (RDN rdn : subject.getRDNs()) {
      for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
        if (BCStyle.CN.equals(value.getType())) {
          names.add(value.getValue() instanceof ASN1String cn ? cn.getString().toLowerCase(Locale.ROOT) : value.getValue().toString());
        } else if (BCStyle.OU.equals(value.getType())) {
          units.add(value.getValue() instanceof ASN1String ou ? ou.getString() : value.getValue().toString());
        }
      }
    }
    for (GeneralName name : altNames) {
      names.add(text(name));
    }
    return new PolicyRequest(request.caId(), request.profile(), request.validityDays(), new ArrayList<>(names), units);
  }

  private static String text(GeneralName name) {
    if (name.getTagNo() == GeneralName.iPAddress) {
      return IpNames.of(ASN1OctetString.getInstance(name.getName()).getOctets());
    }
    if (name.getName() instanceof ASN1String value) {
      return value.getString().toLowerCase(Locale.ROOT);
    }
    return name.getName().toString();
  }
}
