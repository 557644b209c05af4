package io.eventca.bench;

import io.eventca.custody.SignatureAlgorithms;
import io.eventca.events.profile.CertificateProfile;
import io.eventca.events.profile.CertificateProfiles;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The raw signing limit: end-entity certificates signed in a plain loop on one thread, with no Kafka and no
 * database. Each one is the kind issuer-worker makes (basicConstraints, keyUsage by subject key type, the
 * profile's extendedKeyUsage, subjectAltName from the CN, subject and authority key ids, a CRL distribution
 * point), signed with {@link SignatureAlgorithms#signer} and then checked against the CA certificate, as
 * cert-lint's LintedSigner does. CSR checks and linting are not in the loop.
 *
 * <p>The CA key is a throw-away one made here: this tool cannot read a real CA key, by design.
 */
public final class RawSigning {
  private static final Map<String, KeyPurposeId> PURPOSES = Map.of(
      "serverAuth", KeyPurposeId.id_kp_serverAuth,
      "clientAuth", KeyPurposeId.id_kp_clientAuth,
      "emailProtection", KeyPurposeId.id_kp_emailProtection,
      "codeSigning", KeyPurposeId.id_kp_codeSigning,
      "timeStamping", KeyPurposeId.id_kp_timeStamping,
      "OCSPSigning", KeyPurposeId.id_kp_OCSPSigning);
  private static final String DIGEST = "sha256";

  /** Certificates signed, over how long. */
  public record Result(String caKey, long certificates, double seconds) {
    public double perSecond() {
      return seconds == 0 ? 0 : certificates / seconds;
    }
  }

  private record Subject(X500Name name, SubjectPublicKeyInfo key, String cn, KeyUsage usage) {}

  private final SecureRandom random = new SecureRandom();
  private final String caKeyType;
  private final PrivateKey caKey;
  private final X509CertificateHolder caCertificate;
  private final AuthorityKeyIdentifier authorityKeyId;
  private final CRLDistPoint crlDistributionPoint;
  private final ExtendedKeyUsage extendedKeyUsage;
  private final List<Subject> subjects;
  private final int validityDays;

  /**
   * @param caKeyType "rsa" (2048 bits) or "ec" (P-256)
   * @param csrPems requester CSRs whose subjects and keys are certified in turn
   * @param profile a profile of the catalogue, for the extended key usages
   */
  public RawSigning(String caKeyType, List<String> csrPems, String profile, int validityDays) {
    if (csrPems.isEmpty()) {
      throw new IllegalArgumentException("at least one CSR is needed");
    }
    this.caKeyType = caKeyType;
    this.validityDays = validityDays;
    KeyPair ca = caKeyPair(caKeyType);
    this.caKey = ca.getPrivate();
    this.caCertificate = selfSigned(ca);
    this.authorityKeyId = new AuthorityKeyIdentifier(
        SubjectKeyIdentifier.getInstance(caCertificate.getExtension(Extension.subjectKeyIdentifier).getParsedValue())
            .getKeyIdentifier());
    this.crlDistributionPoint = crlDistributionPoint(
        "http://crl-publisher.invalid:8082/crls/" + UUID.randomUUID() + ".crl");
    CertificateProfile p = CertificateProfiles.byName(profile)
        .orElseThrow(() -> new IllegalArgumentException("unknown profile " + profile + "; known: "
            + CertificateProfiles.ALL.stream().map(CertificateProfile::name).toList()));
    this.extendedKeyUsage = new ExtendedKeyUsage(
        p.extendedKeyUsages().stream().map(PURPOSES::get).toArray(KeyPurposeId[]::new));
    this.subjects = new ArrayList<>();
    for (String pem : csrPems) {
      subjects.add(subject(pem, p));
    }
  }

  public X509CertificateHolder caCertificate() {
    return caCertificate;
  }

  /** Warms up for {@code warmupSeconds}, then signs for {@code seconds} and counts. */
  public Result run(double warmupSeconds, double seconds) {
    loop(warmupSeconds);
    long start = System.nanoTime();
    long count = loop(seconds);
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Result(caKeyType, count, elapsed);
  }

  private long loop(double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long count = 0;
    while (System.nanoTime() < end) {
      sign((int) (count % subjects.size()));
      count++;
    }
    return count;
  }

  /** One end-entity certificate for subject number i (modulo the CSRs given), signed and checked. */
  public X509CertificateHolder sign(int i) {
    Subject s = subjects.get(i % subjects.size());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try {
      X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
          caCertificate.getSubject(), serial(), Date.from(now), Date.from(now.plus(validityDays, ChronoUnit.DAYS)),
          s.name(), s.key());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, s.usage());
      builder.addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage);
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, s.cn())));
      // Computed per certificate, as issuer-worker does (SHA-1 of the key).
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils().createSubjectKeyIdentifier(s.key()));
      builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId);
      builder.addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint);
      X509CertificateHolder certificate = builder.build(SignatureAlgorithms.signer(caKey, DIGEST));
      verify(certificate);
      return certificate;
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the certificate extensions", e);
    }
  }

  private void verify(X509CertificateHolder certificate) {
    try {
      // The issuer's choice (LintedSigner): verify with the provider that signs this key type.
      String keyAlgorithm = caCertificate.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm()
          .equals(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : "RSA";
      JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
      if (keyAlgorithm.equals("EC")) {
        verifiers.setProvider(io.eventca.custody.SignatureAlgorithms.providerFor(keyAlgorithm));
      }
      ContentVerifierProvider verifier = verifiers.build(caCertificate);
      if (!certificate.isSignatureValid(verifier)) {
        throw new IllegalStateException("a certificate does not verify with the CA certificate");
      }
    } catch (CertException | OperatorCreationException | java.security.cert.CertificateException e) {
      throw new IllegalStateException("cannot verify a certificate", e);
    }
  }

  /** 16 random bytes with the top bit cleared, at least 64 significant bits, as issuer-worker draws them. */
  private BigInteger serial() {
    byte[] bytes = new byte[16];
    BigInteger serial;
    do {
      random.nextBytes(bytes);
      bytes[0] &= 0x7f;
      serial = new BigInteger(1, bytes);
    } while (serial.bitLength() < 64);
    return serial;
  }

  private static Subject subject(String csrPem, CertificateProfile profile) {
    PKCS10CertificationRequest csr;
    try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
      csr = (PKCS10CertificationRequest) parser.readObject();
    } catch (IOException | ClassCastException e) {
      throw new IllegalArgumentException("not a CSR", e);
    }
    X500Name name = csr.getSubject();
    String cn = name.getRDNs(BCStyle.CN)[0].getFirst().getValue().toString();
    SubjectPublicKeyInfo key = csr.getSubjectPublicKeyInfo();
    ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
    String keyType = algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : "RSA";
    int bits = 0;
    for (String usage : profile.keyUsageByKeyType().get(keyType)) {
      bits |= switch (usage) {
        case "digitalSignature" -> KeyUsage.digitalSignature;
        case "keyEncipherment" -> KeyUsage.keyEncipherment;
        case "keyAgreement" -> KeyUsage.keyAgreement;
        case "dataEncipherment" -> KeyUsage.dataEncipherment;
        case "nonRepudiation", "contentCommitment" -> KeyUsage.nonRepudiation;
        default -> throw new IllegalArgumentException("key usage " + usage + " is not known here");
      };
    }
    return new Subject(name, key, cn, new KeyUsage(bits));
  }

  private static KeyPair caKeyPair(String type) {
    try {
      KeyPairGenerator generator;
      if (type.equals("ec")) {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make a " + type + " key", e);
    }
  }

  private static X509CertificateHolder selfSigned(KeyPair ca) {
    X500Name name = new X500Name("CN=eventca benchmark throw-away CA");
    SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(ca.getPublic().getEncoded());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try {
      X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, BigInteger.ONE,
          Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), name, key);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils().createSubjectKeyIdentifier(key));
      return builder.build(SignatureAlgorithms.signer(ca.getPrivate(), DIGEST));
    } catch (IOException e) {
      throw new IllegalStateException("cannot make the throw-away CA certificate", e);
    }
  }

  private static CRLDistPoint crlDistributionPoint(String url) {
    GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url));
    return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(where), null, null)});
  }

  private static JcaX509ExtensionUtils utils() {
    try {
      return new JcaX509ExtensionUtils();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 (for key identifiers) is missing from the JDK", e);
    }
  }
}
