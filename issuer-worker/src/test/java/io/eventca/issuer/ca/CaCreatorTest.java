package io.eventca.issuer.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.Event;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.ids.CaId;
import io.eventca.issuer.TestCa;
import io.eventca.issuer.state.CaState;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaCreatorTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.456Z");
  private final CaCreator creator = new CaCreator(TestCa.CUSTODY, Clock.fixed(NOW, ZoneOffset.UTC), "http://crl.test", () -> {});

  private static CaCreationRequested request(KeyAlgorithm algorithm, int keySize, String digest, int days) {
    SubjectName subject = new SubjectName("Basic Certification Authority", "ca@example.com", "Department", "Example", "Daly City", "CA", "US");
    return new CaCreationRequested(CaId.random(), subject, algorithm, keySize, digest, days, "alice", NOW);
  }

  private static CaCreationRequested request(
      KeyAlgorithm algorithm, int keySize, String digest, int days, Integer pathLength, Boolean sha1OptIn) {
    CaCreationRequested root = request(algorithm, keySize, digest, days);
    return new CaCreationRequested(root.caId(), root.subject(), algorithm, keySize, digest, days, "alice", NOW, null, pathLength,
        sha1OptIn);
  }

  @Test
  void givenAnEcRequest_whenCreated_thenTheKeyIsStoredWrappedAndTheCertificateIsASelfSignedCa() throws Exception {
    CaCreationRequested request = request(KeyAlgorithm.EC, 256, "sha256", 365);

    List<Event> events = creator.create(request, new CaState());

    assertThat(events).hasSize(2);
    CaKeyStored stored = (CaKeyStored) events.get(0);
    CaCreated created = (CaCreated) events.get(1);
    X509CertificateHolder certificate = parse(created.certificatePem());
    assertThat(certificate.getSubject()).isEqualTo(certificate.getIssuer());
    assertThat(created.subjectDn())
        .isEqualTo("C=US,ST=CA,L=Daly City,O=Example,OU=Department,CN=Basic Certification Authority,E=ca@example.com");
    assertThat(certificate.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:14:30Z"));
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:15:30Z").plus(Duration.ofDays(365)));
    assertThat(created.notAfter()).isEqualTo(certificate.getNotAfter().toInstant());
    assertThat(certificate.getSerialNumber().signum()).isPositive();
    assertThat(certificate.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
    assertThat(created.serialNumber().toBigInteger()).isEqualTo(certificate.getSerialNumber());

    Extension basic = certificate.getExtension(Extension.basicConstraints);
    assertThat(basic.isCritical()).isTrue();
    assertThat(BasicConstraints.getInstance(basic.getParsedValue()).isCA()).isTrue();
    Extension usage = certificate.getExtension(Extension.keyUsage);
    assertThat(usage.isCritical()).isTrue();
    assertThat(KeyUsage.getInstance(usage.getParsedValue()))
        .isEqualTo(new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
    assertThat(certificate.getExtension(Extension.subjectKeyIdentifier)).isNotNull();
    assertThat(certificate.getExtension(Extension.authorityKeyIdentifier)).isNotNull();
    assertThat(certificate.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.2"); // ecdsa-with-SHA256

    // The wrapped key is the certificate's key: what custody hands back signs what the certificate verifies.
    PrivateKey key = TestCa.CUSTODY.privateKey(stored);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(new JcaX509CertificateConverter().getCertificate(certificate).getPublicKey());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void givenAnRsa3072Sha384Request_whenCreated_thenTheCertificateUsesThem() throws Exception {
    CaCreated created = (CaCreated) creator.create(request(KeyAlgorithm.RSA, 3072, "SHA384", 30), new CaState()).get(1);

    X509CertificateHolder certificate = parse(created.certificatePem());
    assertThat(created.digest()).isEqualTo("sha384");
    assertThat(certificate.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.12"); // sha384WithRSA
    assertThat(new JcaX509CertificateConverter().getCertificate(certificate).getPublicKey().getEncoded().length).isGreaterThan(380);
  }

  @Test
  void anRsa1024CaIsRefusedAsWeak() {
    assertFailed(request(KeyAlgorithm.RSA, 1024, "sha256", 365), ErrorCode.WEAK_KEY.code(), "too weak");
  }

  @Test
  void sha1IsRefused() {
    assertFailed(request(KeyAlgorithm.RSA, 2048, "sha1", 365), ErrorCode.POLICY_VIOLATION.code(), "sha1 is refused");
  }

  @Test
  void anUnknownDigestIsRefused() {
    assertFailed(request(KeyAlgorithm.EC, 256, "md5", 365), ErrorCode.POLICY_VIOLATION.code(), "unknown digest 'md5'");
  }

  @Test
  void anUnofferedEcSizeIsRefused() {
    assertFailed(request(KeyAlgorithm.EC, 521, "sha256", 365), ErrorCode.POLICY_VIOLATION.code(), "keySize 521");
  }

  @Test
  void aZeroValidityIsRefused() {
    assertFailed(request(KeyAlgorithm.EC, 256, "sha256", 0), ErrorCode.BAD_VALIDITY.code(), "validityDays");
  }

  @Test
  void aBadCountryIsRefused() {
    CaCreationRequested request =
        new CaCreationRequested(CaId.random(), new SubjectName("CA", null, null, null, null, null, "USA"), KeyAlgorithm.EC, 256,
            "sha256", 365, "alice", NOW);
    assertFailed(request, ErrorCode.POLICY_VIOLATION.code(), "ISO 3166-1 alpha-2");
  }

  @Test
  void sha1WithExplicitOptInIsSignedWithSha1AndTheOptInIsRecorded() throws Exception {
    CaCreationRequested request = request(KeyAlgorithm.RSA, 2048, "sha1", 365, null, true);

    CaCreated created = (CaCreated) creator.create(request, new CaState()).get(1);

    assertThat(created.digest()).isEqualTo("sha1");
    assertThat(created.sha1OptIn()).isTrue();
    assertThat(parse(created.certificatePem()).getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.5");
  }

  @ParameterizedTest(name = "{0} {1} {2} (sha1 opt-in {3})")
  @CsvSource({
    "RSA, 2048, sha224, false, 1.2.840.113549.1.1.14",
    "RSA, 2048, sha512, false, 1.2.840.113549.1.1.13",
    "EC,  256,  sha224, false, 1.2.840.10045.4.3.1",
    "EC,  384,  sha384, false, 1.2.840.10045.4.3.3",
    "EC,  256,  sha512, false, 1.2.840.10045.4.3.4",
    "EC,  256,  sha1,   true,  1.2.840.10045.4.1",
  })
  void everyOfferedDigestSignsWithRsaAndEc(KeyAlgorithm algorithm, int keySize, String digest, boolean sha1OptIn, String oid)
      throws Exception {
    CaCreated created = (CaCreated) creator.create(request(algorithm, keySize, digest, 365, null, sha1OptIn), new CaState()).get(1);

    X509CertificateHolder certificate = parse(created.certificatePem());
    assertThat(certificate.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo(oid);
    assertThat(certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(certificate))).isTrue();
  }

  @Test
  void aRootWithAPathLengthCarriesItAsPathLenConstraint() throws Exception {
    CaCreated created = (CaCreated) creator.create(request(KeyAlgorithm.EC, 256, "sha256", 365, 0, null), new CaState()).get(1);

    BasicConstraints constraints = BasicConstraints.fromExtensions(parse(created.certificatePem()).getExtensions());
    assertThat(constraints.isCA()).isTrue();
    assertThat(constraints.getPathLenConstraint()).isZero();
    assertThat(created.pathLength()).isZero();
    assertThat(created.parentCaId()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      sha1 without opt-in          | RSA | 2048 | sha1   | null | false | policy-violation | digest sha1 is refused
      sha1 with opt-in false       | EC  | 256  | sha1   | null | false | policy-violation | set sha1OptIn
      RSA 1024 despite sha1 opt-in | RSA | 1024 | sha1   | null | true  | weak-key         | too weak
      a negative pathLength        | EC  | 256  | sha256 | -1   | false | policy-violation | pathLength must be 0 or more
      """)
  void refusedRootRequests(
      String what, KeyAlgorithm algorithm, int keySize, String digest, Integer pathLength, boolean sha1OptIn, String code, String reason) {
    assertFailed(request(algorithm, keySize, digest, 365, pathLength, sha1OptIn), code, reason);
  }

  private void assertFailed(CaCreationRequested request, String code, String reason) {
    List<Event> events = creator.create(request, new CaState());
    assertThat(events).singleElement().isInstanceOfSatisfying(CaCreationFailed.class, f -> {
      assertThat(f.caId()).isEqualTo(request.caId());
      assertThat(f.code()).isEqualTo(code);
      assertThat(f.reason()).contains(reason);
    });
  }

  static X509CertificateHolder parse(String pem) throws Exception {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return (X509CertificateHolder) parser.readObject();
    }
  }
}
