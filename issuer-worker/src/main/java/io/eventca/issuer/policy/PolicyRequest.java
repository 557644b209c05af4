package io.eventca.issuer.policy;

import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * What a policy judges: the CA, profile and validity asked for, and every name the certificate would carry
 * (the subject's common names and each subjectAltName), as decided by step 1, not as the CSR claims.
 */
public record PolicyRequest(CaId caId, String profile, int validityDays, List<String> names) {

  public static PolicyRequest of(CertificateRequested request, X500Name subject, List<GeneralName> altNames) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
      if (rdn.getFirst().getValue() instanceof ASN1String cn) {
        names.add(cn.getString().toLowerCase(Locale.ROOT));
      }
    }
    for (GeneralName name : altNames) {
      names.add(text(name));
    }
    return new PolicyRequest(request.caId(), request.profile(), request.validityDays(), new ArrayList<>(names));
  }

  private static String text(GeneralName name) {
    if (name.getTagNo() == GeneralName.iPAddress) {
      try {
        return InetAddress.getByAddress(ASN1OctetString.getInstance(name.getName()).getOctets()).getHostAddress();
      } catch (UnknownHostException e) {
        return name.getName().toString();
      }
    }
    if (name.getName() instanceof ASN1String value) {
      return value.getString().toLowerCase(Locale.ROOT);
    }
    return name.getName().toString();
  }
}
