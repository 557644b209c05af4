package io.eventca.checks.policy;

import io.eventca.checks.names.IpNames;
import io.eventca.checks.subject.DecodedSubject;
import io.eventca.checks.subject.SubjectAttribute;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * What a policy judges: the CA, profile and validity asked for, every name the certificate would carry (the subject's
 * common name and each subjectAltName), every other attribute of its subject, and the issuing CA's own subject
 * attributes (the defaults those may take), all as decided by step 1 and read by the one subject decoder, not as the
 * CSR claims.
 */
public record PolicyRequest(CaId caId, String profile, int validityDays, List<String> names,
    List<DecodedSubject.Attribute> subjectAttributes, List<DecodedSubject.Attribute> caAttributes) {

  public PolicyRequest {
    names = List.copyOf(names);
    subjectAttributes = List.copyOf(subjectAttributes);
    caAttributes = List.copyOf(caAttributes);
  }

  public PolicyRequest(CaId caId, String profile, int validityDays, List<String> names) {
    this(caId, profile, validityDays, names, List.of(), List.of());
  }

  /**
   * @param subject the subject as step 1j decided it
   * @param caSubject the issuing CA's subject, or an empty one when it cannot be read strictly (then no attribute
   *     has a default)
   */
  public static PolicyRequest of(CertificateRequested request, DecodedSubject subject, List<GeneralName> altNames,
      DecodedSubject caSubject) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    List<DecodedSubject.Attribute> others = new ArrayList<>();
    for (DecodedSubject.Attribute attribute : subject.attributes()) {
      if (attribute.type() == SubjectAttribute.COMMON_NAME) {
        names.add(attribute.value().toLowerCase(Locale.ROOT));
      } else {
        others.add(attribute);
      }
    }
    for (GeneralName name : altNames) {
      names.add(text(name));
    }
    return new PolicyRequest(request.caId(), request.profile(), request.validityDays(), new ArrayList<>(names), others,
        caSubject.attributes());
  }

  /** The values of one attribute of the requested subject. */
  List<String> values(SubjectAttribute type) {
    return subjectAttributes.stream().filter(a -> a.type() == type).map(DecodedSubject.Attribute::value).toList();
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
