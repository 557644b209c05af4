package io.eventca.ca.api;

import io.eventca.checks.csr.ProofOfPossession;

import io.eventca.checks.subject.SubjectProblem;
import io.eventca.checks.subject.Subjects;
import io.eventca.events.SubjectName;
import io.eventca.events.profile.CertificateProfile;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.IPAddress;

/**
 * Refuses, at the door, a CSR the issuer-worker would refuse for what it is: not a PEM PKCS#10, a signature that
 * does not verify or is made with a digest weaker than SHA-224, a key other than RSA 2048..8192 bits with exponent
 * 65537 or EC on P-256/P-384, or names that cannot be issued (more than 100, not host names or IP addresses, a
 * server certificate's common name that is neither). So the caller gets a 400 at once and nothing is recorded. The
 * issuer-worker checks all of it again (KeyQuality, CsrValidator, SubjectAltNames); this is a courtesy, not the
 * control, and the two must agree.
 */
final class Csrs {
  // The JDK's provider cannot map every CSR signature OID (ECDSA among them); Bouncy Castle can.
  private static final Set<ASN1ObjectIdentifier> SIGNATURE_ALGORITHMS =
      Set.of(
          PKCSObjectIdentifiers.sha224WithRSAEncryption,
          PKCSObjectIdentifiers.sha256WithRSAEncryption,
          PKCSObjectIdentifiers.sha384WithRSAEncryption,
          PKCSObjectIdentifiers.sha512WithRSAEncryption,
          PKCSObjectIdentifiers.id_RSASSA_PSS,
          X9ObjectIdentifiers.ecdsa_with_SHA224,
          X9ObjectIdentifiers.ecdsa_with_SHA256,
          X9ObjectIdentifiers.ecdsa_with_SHA384,
          X9ObjectIdentifiers.ecdsa_with_SHA512);
  private static final Set<ASN1ObjectIdentifier> CURVES = Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1);
  private static final BigInteger F4 = BigInteger.valueOf(65537);
  /** The issuer-worker's host name syntax (Hostnames): LDH labels, at most one leading "*." label. */
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern HOSTNAME = Pattern.compile("(?:\\*\\.)?" + LABEL + "(?:\\." + LABEL + ")*");

  private Csrs() {}

  static PKCS10CertificationRequest requireValid(String pem) {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      parsed = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw ApiError.invalidField("csr", "must be a PEM-encoded PKCS#10 certificate request");
    }
    if (!(parsed instanceof PKCS10CertificationRequest csr)) {
      throw ApiError.invalidField("csr", "must be a PEM-encoded PKCS#10 certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
    }
    requireAcceptableKey(csr.getSubjectPublicKeyInfo());
    if (!SIGNATURE_ALGORITHMS.contains(csr.getSignatureAlgorithm().getAlgorithm())) {
      throw ApiError.invalidField("csr", "must be signed with SHA-224 or stronger (SHA-1 and MD5 signatures are refused)");
    }
    if (!ProofOfPossession.verifies(csr)) {
      throw ApiError.invalidField("csr", "signature does not verify with the CSR's own public key (proof of possession failed)");
    }
    return csr;
  }

  /** The CSR's subject, when it is the one certified, must read back under the one subject decoder (request-checks). */
  static void requireIssuableSubject(PKCS10CertificationRequest csr) {
    try {
      Subjects.decode(csr.getSubject());
    } catch (SubjectProblem e) {
      throw ApiError.invalidField("csr", "has a subject eventca cannot issue: " + e.getMessage());
    }
  }

  static void requireAcceptableKey(SubjectPublicKeyInfo key) {
    requireAcceptableKey("csr", key);
  }

  /** The key checks of the issuer-worker's KeyQuality, for a CSR's key or a requester's registered key. */
  static void requireAcceptableKey(String field, SubjectPublicKeyInfo key) {
    ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
      RSAPublicKey rsa;
      try {
        rsa = RSAPublicKey.getInstance(key.parsePublicKey());
      } catch (IOException | RuntimeException e) {
        throw ApiError.invalidField(field, "carries a malformed RSA public key");
      }
      int bits = rsa.getModulus().bitLength();
      if (bits < 2048 || bits > 8192) {
        throw ApiError.invalidField(field, "carries an RSA key of " + bits + " bits: 2048 to 8192 are accepted");
      }
      if (!F4.equals(rsa.getPublicExponent())) {
        throw ApiError.invalidField(field, "carries an RSA key with public exponent " + rsa.getPublicExponent() + ": only 65537 is accepted");
      }
      return;
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
      if (!(key.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) || !CURVES.contains(curve)) {
        throw ApiError.invalidField(field, "carries an EC key on a curve other than P-256 or P-384");
      }
      try {
        PublicKeyFactory.createKey(key);
      } catch (IOException | RuntimeException e) {
        throw ApiError.invalidField(field, "carries an EC public key that is not a valid point on its curve");
      }
      return;
    }
    throw ApiError.invalidField(field, "carries a key of algorithm " + algorithm.getId() + ": use RSA (2048 bits or more) or EC (P-256, P-384)");
  }

  /**
   * The names the certificate would carry, checked as the issuer-worker checks them (SubjectAltNames): the CSR's
   * requested names count only when the request names no host and no subjectAltNames; a profile that puts the common
   * name among the subjectAltNames needs it to be a host name or an IP address.
   *
   * @param csr null when eventca generates the key (then host and subject are given)
   */
  static void requireIssuableNames(PKCS10CertificationRequest csr, CertificateProfile profile, String host, List<String> sans,
      SubjectName subject) {
    String field = subject == null ? "csr" : "commonName";
    String cn = subject != null ? subject.commonName() : csr == null ? null : commonName(csr);
    if (profile.commonNameInSubjectAltName() && cn != null && !isHostname(cn) && !isIpAddress(cn)) {
      throw ApiError.invalidField(field, "must be a host name or an IP address in a " + profile.name()
          + " certificate, where the common name is also a subjectAltName");
    }
    if (csr == null || host != null || !sans.isEmpty()) {
      return;
    }
    Set<String> names = new LinkedHashSet<>();
    if (cn != null && (profile.commonNameInSubjectAltName() || isHostname(cn) || isIpAddress(cn))) {
      names.add(cn.toLowerCase(java.util.Locale.ROOT));
    }
    List<GeneralName> requested = requestedNames(csr);
    if (requested.size() > RequestCertificateBody.MAX_SANS) {
      throw ApiError.invalidField("csr", "asks for " + requested.size() + " subjectAltNames; at most "
          + RequestCertificateBody.MAX_SANS + " are issued");
    }
    for (GeneralName name : requested) {
      switch (name.getTagNo()) {
        case GeneralName.dNSName -> {
          String dns = ((ASN1String) name.getName()).getString();
          if (!isHostname(dns)) {
            throw ApiError.invalidField("csr", "asks for a subjectAltName that is not a host name: "
                + dns.replaceAll("[^\\x20-\\x7e]", "?"));
          }
          names.add(dns.toLowerCase(java.util.Locale.ROOT));
        }
        case GeneralName.iPAddress -> {
          int length = ASN1OctetString.getInstance(name.getName()).getOctets().length;
          if (length != 4 && length != 16) {
            throw ApiError.invalidField("csr", "asks for a subjectAltName IP address of " + length + " octets");
          }
          names.add("ip:" + name.getName());
        }
        default -> throw ApiError.invalidField("csr", "asks for a subjectAltName other than a DNS name or an IP address");
      }
    }
    if (names.isEmpty()) {
      throw ApiError.invalidField("csr", "names nothing to certify: put a host name in the CN, ask for subjectAltNames, or give a host");
    }
    if (names.size() > RequestCertificateBody.MAX_SANS) {
      throw ApiError.invalidField("csr", "names more than " + RequestCertificateBody.MAX_SANS + " subjectAltNames");
    }
  }

  private static String commonName(PKCS10CertificationRequest csr) {
    RDN[] cns = csr.getSubject().getRDNs(BCStyle.CN);
    if (cns.length > 1 || (cns.length == 1 && cns[0].isMultiValued())) {
      throw ApiError.invalidField("csr", "has more than one common name; give one and list the others as subjectAltNames");
    }
    if (cns.length == 0) {
      return null;
    }
    if (!(cns[0].getFirst().getValue() instanceof ASN1String text)) {
      throw ApiError.invalidField("csr", "has a common name that is not a string");
    }
    return text.getString();
  }

  private static List<GeneralName> requestedNames(PKCS10CertificationRequest csr) {
    List<GeneralName> names = new ArrayList<>();
    try {
      for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
        for (ASN1Encodable value : attribute.getAttrValues()) {
          GeneralNames requested = GeneralNames.fromExtensions(Extensions.getInstance(value), Extension.subjectAlternativeName);
          if (requested != null) {
            names.addAll(List.of(requested.getNames()));
          }
        }
      }
    } catch (RuntimeException e) {
      throw ApiError.invalidField("csr", "has a malformed extension request");
    }
    return names;
  }

  static boolean isHostname(String name) {
    return name.length() <= 253 && HOSTNAME.matcher(name).matches() && !IPAddress.isValid(name);
  }

  static boolean isIpAddress(String name) {
    return IPAddress.isValid(name);
  }
}
