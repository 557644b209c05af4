package io.eventca.lint;

import io.eventca.issuer.TestCa;
import io.eventca.issuer.crypto.SerialNumbers;
import io.eventca.issuer.profile.Profile;
import io.eventca.issuer.profile.Profiles;
import io.eventca.testkit.Csrs;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * A good server certificate to be signed, built by hand (not by the production builder) so each rule test
 * can break exactly one thing in it.
 */
public final class TbsFixture {
  public static final TestCa CA = TestCa.ecP256();
  private static final KeyPair EC_KEY = Csrs.ecP256();
  private static final KeyPair RSA_KEY = Csrs.rsa(2048);

  private BigInteger serial = SerialNumbers.random();
  private Instant notBefore = CA.certificate.getNotBefore().toInstant().plus(Duration.ofHours(1));
  private Instant notAfter = notBefore.plus(Duration.ofDays(90));
  private X500Name subject = new X500Name("O=Example,CN=host.example.internal");
  private SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(EC_KEY.getPublic().getEncoded());
  private final Map<ASN1ObjectIdentifier, Extension> extensions = new LinkedHashMap<>();
  private Profile profile = Profiles.SERVER;

  private TbsFixture() {
    try {
      JcaX509ExtensionUtils keyIds = new JcaX509ExtensionUtils();
      with(Extension.basicConstraints, true, new BasicConstraints(false));
      with(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      with(Extension.extendedKeyUsage, false, Profiles.SERVER.extendedKeyUsage());
      with(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, "host.example.internal")));
      with(Extension.subjectKeyIdentifier, false, keyIds.createSubjectKeyIdentifier(key));
      with(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(caKeyId()));
      with(Extension.cRLDistributionPoints, false, crlDistributionPoint("http://crl.example/crls/ca.crl"));
      with(Extension.freshestCRL, false, crlDistributionPoint("http://crl.example/crls/ca-delta.crl"));
      with(Extension.authorityInfoAccess, false, ocspAccess(AccessDescription.id_ad_ocsp, "http://crl.example/ocsp"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static TbsFixture good() {
    return new TbsFixture();
  }

  /** The good certificate for an RSA subject key (RSA keys also get keyEncipherment). */
  public static TbsFixture goodRsa() {
    TbsFixture fixture = new TbsFixture();
    fixture.key = SubjectPublicKeyInfo.getInstance(RSA_KEY.getPublic().getEncoded());
    return fixture.with(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
  }

  public TbsFixture serial(BigInteger value) {
    this.serial = value;
    return this;
  }

  public TbsFixture validity(Instant from, Instant to) {
    this.notBefore = from;
    this.notAfter = to;
    return this;
  }

  public TbsFixture subject(X500Name value) {
    this.subject = value;
    return this;
  }

  public TbsFixture profile(Profile value) {
    this.profile = value;
    return this;
  }

  public TbsFixture with(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    try {
      extensions.put(oid, new Extension(oid, critical, new DEROctetString(value)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  public TbsFixture without(ASN1ObjectIdentifier oid) {
    extensions.remove(oid);
    return this;
  }

  public TBSCertificate build() {
    V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
    generator.setSerialNumber(new ASN1Integer(serial));
    generator.setSignature(new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256));
    generator.setIssuer(CA.certificate.getSubject());
    generator.setStartDate(new Time(Date.from(notBefore)));
    generator.setEndDate(new Time(Date.from(notAfter)));
    generator.setSubject(subject);
    generator.setSubjectPublicKeyInfo(key);
    if (!extensions.isEmpty()) {
      generator.setExtensions(new Extensions(extensions.values().toArray(Extension[]::new)));
    }
    return generator.generateTBSCertificate();
  }

  public LintContext context() {
    return new LintContext(CA.certificate, profile);
  }

  public static byte[] caKeyId() {
    return SubjectKeyIdentifier.getInstance(CA.certificate.getExtension(Extension.subjectKeyIdentifier).getParsedValue())
        .getKeyIdentifier();
  }

  public static CRLDistPoint crlDistributionPoint(String uri) {
    GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(where), null, null)});
  }

  public static AuthorityInformationAccess ocspAccess(ASN1ObjectIdentifier method, String uri) {
    return new AuthorityInformationAccess(new AccessDescription(method, new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
  }
}
