package io.eventca.checks.csr;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.RequestProblem;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Step 1 for the CSR: it is one PEM PKCS#10 request, its key passes {@link KeyQuality}, and its signature
 * verifies with that key (proof of possession). Of the extensions it asks for, only subjectAltName is read;
 * everything else in a certificate comes from the profile, never from the requester. Signatures must use SHA-256 or
 * stronger (SHA-224, SHA-1 and MD5 are refused; RSASSA-PSS is accepted). The one CSR check of every entry point:
 * ca-service runs it at the door, the issuer-worker again before it signs.
 */
public final class CsrChecks {
  public static final int MAX_PEM_CHARS = 64 * 1024;
  private static final Set<ASN1ObjectIdentifier> SIGNATURE_ALGORITHMS =
      Set.of(
          PKCSObjectIdentifiers.sha256WithRSAEncryption,
          PKCSObjectIdentifiers.sha384WithRSAEncryption,
          PKCSObjectIdentifiers.sha512WithRSAEncryption,
          PKCSObjectIdentifiers.id_RSASSA_PSS,
          X9ObjectIdentifiers.ecdsa_with_SHA256,
          X9ObjectIdentifiers.ecdsa_with_SHA384,
          X9ObjectIdentifiers.ecdsa_with_SHA512);

  private CsrChecks() {}

  public static CheckedCsr check(String csrPem) {
    try {
      PKCS10CertificationRequest csr = parse(csrPem);
      readWholly(csr.getSubject());
      KeyAlgorithm keyAlgorithm = KeyQuality.check(csr.getSubjectPublicKeyInfo());
      verifyProofOfPossession(csr);
      return new CheckedCsr(csr, csr.getSubject(), csr.getSubjectPublicKeyInfo(), keyAlgorithm, requestedNames(csr));
    } catch (RequestProblem e) {
      throw e;
    } catch (RuntimeException e) {
      // Bouncy Castle reports malformed ASN.1 through many unchecked types, some only reached lazily: whatever
      // a CSR makes it throw, the answer is a bad CSR, never an internal error.
      throw badCsr("the CSR is malformed (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Bouncy Castle checks a name's structure only when a part of it is asked for, and anew each time: walk every
   * attribute now, so a malformed subject is a bad CSR here rather than an exception in the name policy later.
   */
  static void readWholly(X500Name subject) {
    for (RDN rdn : subject.getRDNs()) {
      for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
        attribute.getType();
        if (attribute.getValue() instanceof ASN1String text) {
          text.getString();
        }
      }
    }
  }

  static PKCS10CertificationRequest parse(String csrPem) {
    if (csrPem == null || csrPem.isBlank()) {
      throw badCsr("the request carries no CSR");
    }
    if (csrPem.length() > MAX_PEM_CHARS) {
      throw badCsr("the CSR is longer than " + MAX_PEM_CHARS + " characters");
    }
    Object object;
    try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
      object = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw badCsr("the CSR is not a readable PEM PKCS#10 certificate request");
    }
    if (object == null) {
      throw badCsr("the CSR holds no PEM block (expected -----BEGIN CERTIFICATE REQUEST-----)");
    }
    if (!(object instanceof PKCS10CertificationRequest csr)) {
      throw badCsr("the PEM block is a " + object.getClass().getSimpleName() + ", not a PKCS#10 certificate request");
    }
    return csr;
  }

  static void verifyProofOfPossession(PKCS10CertificationRequest csr) {
    ASN1ObjectIdentifier algorithm = csr.getSignatureAlgorithm().getAlgorithm();
    if (!SIGNATURE_ALGORITHMS.contains(algorithm)) {
      throw badCsr("the CSR is signed with " + new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm)
          + "; sign it with SHA-256 or stronger");
    }
    if (!ProofOfPossession.verifies(csr)) {
      throw new RequestProblem(ErrorCode.CSR_SIGNATURE_INVALID, "csr",
          "the CSR's signature does not verify with its own public key: no proof of possession of the private key");
    }
  }

  static List<GeneralName> requestedNames(PKCS10CertificationRequest csr) {
    List<GeneralName> names = new ArrayList<>();
    try {
      for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
        for (ASN1Encodable value : attribute.getAttrValues()) {
          GeneralNames requested = GeneralNames.fromExtensions(Extensions.getInstance(value), Extension.subjectAlternativeName);
          if (requested != null) {
            names.addAll(Arrays.asList(requested.getNames()));
          }
        }
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw badCsr("the CSR's extension request is malformed");
    }
    return names;
  }

  private static RequestProblem badCsr(String detail) {
    return new RequestProblem(ErrorCode.BAD_CSR, "csr", detail);
  }
}
