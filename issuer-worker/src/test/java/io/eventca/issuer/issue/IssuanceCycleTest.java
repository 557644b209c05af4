package io.eventca.issuer.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.Event;
import io.eventca.events.SubjectName;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.checks.RequestProblem;
import io.eventca.issuer.TestCa;
import io.eventca.issuer.TestCsrs;
import io.eventca.lint.Linter;
import io.eventca.issuer.profile.Profile;
import io.eventca.issuer.profile.Profiles;
import io.eventca.issuer.state.CaDirectory;
import io.eventca.issuer.state.CaState;
import io.eventca.issuer.state.IssuingCa;
import io.eventca.testkit.Csrs;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssuanceCycleTest {
  private static final Instant CA_CREATED = Instant.parse("2026-01-10T08:00:00Z");
  private static final Instant NOW = CA_CREATED.plus(Duration.ofDays(1));
  private static final TestCa CA = TestCa.ecP256(365, CA_CREATED);
  private static final KeyPair RSA = Csrs.rsa(2048);

  private final CaState state = new CaState();
  private final AtomicInteger catchUps = new AtomicInteger();

  IssuanceCycleTest() {
    state.apply(CA.stored);
    state.apply(CA.created);
  }

  private IssuanceCycle cycle(Instant now, Runnable onCatchUp) {
    return new IssuanceCycle(TestCa.CUSTODY, new Linter(), "http://crl.test:8082/", Clock.fixed(now, ZoneOffset.UTC), () -> {
      catchUps.incrementAndGet();
      onCatchUp.run();
    });
  }

  private IssuanceCycle cycle() {
    return cycle(NOW, () -> {});
  }

  private static CertificateRequested request(CaId caId, String csrPem, String profile, int days) {
    return new CertificateRequested(caId, RequestId.random(), csrPem, profile, days, "bob", NOW, null);
  }

  @Test
  void givenAnRsaCa_whenACertificateIsIssued_thenItIsSignedWithRsaAndVerifies() throws Exception {
    TestCa rsaCa = TestCa.rsa2048(CA_CREATED);
    state.apply(rsaCa.stored);
    state.apply(rsaCa.created);
    CertificateRequested request = request(rsaCa.caId(), Csrs.csrPem(Csrs.ecP256(), "CN=rsa-issued.example.internal"), "client", 30);

    CertificateIssued issued = (CertificateIssued) cycle().issue(request, state);

    X509CertificateHolder certificate = parse(issued.certificatePem());
    assertThat(certificate.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.11");
    assertThat(certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(rsaCa.certificate))).isTrue();
  }

  @Test
  void givenAnRsaCsr_whenIssuedAsServer_thenTheCertificateCarriesTheProfileAndVerifiesWithTheCa() throws Exception {
    CertificateRequested request = request(CA.caId(), Csrs.csrPem(RSA, "O=Example,CN=Host.Example.Internal"), "server", 100);

    Event answer = cycle().issue(request, state);

    CertificateIssued issued = (CertificateIssued) answer;
    X509CertificateHolder certificate = parse(issued.certificatePem());
    assertThat(certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(CA.certificate))).isTrue();
    assertThat(certificate.getIssuer()).isEqualTo(CA.certificate.getSubject());
    assertThat(issued.subjectDn()).isEqualTo("O=Example,CN=Host.Example.Internal");
    assertThat(issued.serialNumber().toBigInteger()).isEqualTo(certificate.getSerialNumber());
    assertThat(certificate.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
    assertThat(issued.notBefore()).isEqualTo(NOW.minus(Duration.ofMinutes(1)));
    assertThat(issued.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(100)));
    assertThat(certificate.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(RSA.getPublic().getEncoded());

    assertThat(BasicConstraints.getInstance(certificate.getExtension(Extension.basicConstraints).getParsedValue()).isCA()).isFalse();
    assertThat(KeyUsage.getInstance(certificate.getExtension(Extension.keyUsage).getParsedValue()))
        .isEqualTo(new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    assertThat(ExtendedKeyUsage.getInstance(certificate.getExtension(Extension.extendedKeyUsage).getParsedValue()).getUsages())
        .containsExactly(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection);
    assertThat(GeneralNames.fromExtensions(certificate.getExtensions(), Extension.subjectAlternativeName).getNames())
        .containsExactly(new GeneralName(GeneralName.dNSName, "host.example.internal"));
    DistributionPoint[] points =
        CRLDistPoint.getInstance(certificate.getExtension(Extension.cRLDistributionPoints).getParsedValue()).getDistributionPoints();
    assertThat(GeneralNames.getInstance(points[0].getDistributionPoint().getName()).getNames())
        .containsExactly(new GeneralName(GeneralName.uniformResourceIdentifier, "http://crl.test:8082/crls/" + CA.caId() + ".crl"));
    DistributionPoint[] deltas =
        CRLDistPoint.getInstance(certificate.getExtension(Extension.freshestCRL).getParsedValue()).getDistributionPoints();
    assertThat(certificate.getExtension(Extension.freshestCRL).isCritical()).isFalse();
    assertThat(GeneralNames.getInstance(deltas[0].getDistributionPoint().getName()).getNames())
        .containsExactly(new GeneralName(GeneralName.uniformResourceIdentifier, "http://crl.test:8082/crls/" + CA.caId() + "-delta.crl"));
    AccessDescription[] access =
        AuthorityInformationAccess.getInstance(certificate.getExtension(Extension.authorityInfoAccess).getParsedValue()).getAccessDescriptions();
    assertThat(certificate.getExtension(Extension.authorityInfoAccess).isCritical()).isFalse();
    assertThat(access).extracting(AccessDescription::getAccessMethod).containsExactly(AccessDescription.id_ad_ocsp);
    assertThat(access[0].getAccessLocation()).isEqualTo(new GeneralName(GeneralName.uniformResourceIdentifier, "http://crl.test:8082/ocsp"));
    byte[] caKeyId = SubjectKeyIdentifier.getInstance(CA.certificate.getExtension(Extension.subjectKeyIdentifier).getParsedValue())
        .getKeyIdentifier();
    assertThat(AuthorityKeyIdentifier.getInstance(certificate.getExtension(Extension.authorityKeyIdentifier).getParsedValue())
        .getKeyIdentifierOctets()).isEqualTo(caKeyId);
  }

  @Test
  void givenAnEcCsr_whenIssuedAsClient_thenOnlyDigitalSignatureAndClientUsages() throws Exception {
    CertificateIssued issued = (CertificateIssued) cycle().issue(request(CA.caId(), Csrs.csrPem(Csrs.ecP256(), "CN=alice"), "client", 30), state);

    X509CertificateHolder certificate = parse(issued.certificatePem());
    assertThat(KeyUsage.getInstance(certificate.getExtension(Extension.keyUsage).getParsedValue()))
        .isEqualTo(new KeyUsage(KeyUsage.digitalSignature));
    assertThat(ExtendedKeyUsage.getInstance(certificate.getExtension(Extension.extendedKeyUsage).getParsedValue()).getUsages())
        .containsExactly(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection);
    assertThat(issued.profile()).isEqualTo("client");
  }

  @Test
  void givenAnUnknownCa_whenIssued_thenTheStateIsCaughtUpOnceAndTheRequestRejected() {
    Event answer = cycle().issue(request(CaId.random(), Csrs.csrPem(RSA, "CN=h.example"), "server", 10), state);

    assertRejected(answer, ErrorCode.UNKNOWN_CA.code(), "no CA");
    assertThat(catchUps).hasValue(1);
  }

  @Test
  void givenACaOnlyTheCatchUpReveals_whenIssued_thenItIsIssued() {
    TestCa other = TestCa.ecP256(365, CA_CREATED);
    IssuanceCycle cycle = cycle(NOW, () -> {
      state.apply(other.stored);
      state.apply(other.created);
    });

    Event answer = cycle.issue(request(other.caId(), Csrs.csrPem(RSA, "CN=h.example"), "server", 10), state);

    assertThat(answer).isInstanceOf(CertificateIssued.class);
    assertThat(catchUps).hasValue(1);
  }

  @Test
  void givenACaWhoseCreationFailed_whenIssued_thenItIsNotActive() {
    CaId failed = CaId.random();
    state.apply(new CaCreationFailed(failed, ErrorCode.WEAK_KEY.code(), "too weak"));

    assertRejected(cycle().issue(request(failed, Csrs.csrPem(RSA, "CN=h.example"), "server", 10), state),
        ErrorCode.CA_NOT_ACTIVE.code(), "never created");
  }

  @Test
  void givenAnExpiredCa_whenIssued_thenItIsNotActive() {
    Event answer = cycle(CA_CREATED.plus(Duration.ofDays(400)), () -> {})
        .issue(request(CA.caId(), Csrs.csrPem(RSA, "CN=h.example"), "server", 10), state);

    assertRejected(answer, ErrorCode.CA_NOT_ACTIVE.code(), "not now");
  }

  @Test
  void givenAValidityBeyondTheCa_whenIssued_thenBadValiditySaysHowLongIsPossible() {
    Event answer = cycle().issue(request(CA.caId(), Csrs.csrPem(RSA, "CN=h.example"), "server", 3650), state);

    assertRejected(answer, ErrorCode.BAD_VALIDITY.code(), "would outlive its CA certificate");
    assertThat(((CertificateRejected) answer).detail()).contains("at most 364 days");
  }

  @Test
  void givenValidityOutOfRange_whenIssued_thenBadValidity() {
    assertRejected(cycle().issue(request(CA.caId(), Csrs.csrPem(RSA, "CN=h.example"), "server", 0), state),
        ErrorCode.BAD_VALIDITY.code(), "1 to 3650");
    assertRejected(cycle().issue(request(CA.caId(), Csrs.csrPem(RSA, "CN=h.example"), "server", 3651), state),
        ErrorCode.BAD_VALIDITY.code(), "1 to 3650");
  }

  @Test
  void givenAnUnknownProfile_whenIssued_thenUnknownProfile() {
    assertRejected(cycle().issue(request(CA.caId(), Csrs.csrPem(RSA, "CN=h.example"), "codeSigning", 10), state),
        ErrorCode.UNKNOWN_PROFILE.code(), "use one of client, server");
  }

  @Test
  void givenACsrForTheCaOwnKey_whenIssued_thenWeakKey() {
    assertRejected(cycle().issue(request(CA.caId(), Csrs.csrPem(CA.keys, "CN=h.example"), "server", 10), state),
        ErrorCode.WEAK_KEY.code(), "CA's own key");
  }

  @Test
  void givenACsrWithAnEmptySubject_whenIssued_thenTheLinterRefusesIt() {
    String csr = TestCsrs.withSans(Csrs.ecP256(), "", new GeneralName(GeneralName.dNSName, "h.example"));

    Event answer = cycle().issue(request(CA.caId(), csr, "server", 10), state);

    assertRejected(answer, ErrorCode.LINT_FAILED.code(), "NoEmptySubjectFields");
  }

  @Test
  void givenASerialAlreadyUsed_whenIssued_thenAnotherSerialIsDrawn() {
    List<BigInteger> asked = new ArrayList<>();
    CaDirectory firstSerialTaken = new DelegatingDirectory(state) {
      @Override
      public boolean serialUsed(CaId caId, BigInteger serial) {
        asked.add(serial);
        return asked.size() == 1;
      }
    };

    CertificateIssued issued = (CertificateIssued) cycle().issue(request(CA.caId(), Csrs.csrPem(RSA, "CN=h.example"), "server", 10), firstSerialTaken);

    assertThat(asked).hasSize(2);
    assertThat(issued.serialNumber().toBigInteger()).isEqualTo(asked.get(1)).isNotEqualTo(asked.get(0));
  }

  private static CertificateRequested createCert(
      String csrPem, String profile, String host, SubjectName subject, List<String> sans, String digest, Boolean sha1OptIn) {
    return new CertificateRequested(CA.caId(), RequestId.random(), csrPem, profile, 30, "bob", NOW, null, host, subject, sans,
        digest, sha1OptIn);
  }

  @Test
  void givenCreateCertParameters_whenIssued_thenSubjectAndNamesComeFromTheRequestAndTheFactsAreRecorded() throws Exception {
    SubjectName subject = new SubjectName("host.example.com", "admin@example.com", "IT", "Example", "Daly City", "CA", "US");
    CertificateRequested request = createCert(Csrs.csrPem(RSA, "CN=what the csr says"), "server", "Host.Example.COM", subject,
        List.of("10.1.2.3", "alias.example.com"), null, null);

    CertificateIssued issued = (CertificateIssued) cycle().issue(request, state);

    X509CertificateHolder certificate = parse(issued.certificatePem());
    assertThat(issued.subjectDn()).isEqualTo("C=US,ST=CA,L=Daly City,O=Example,OU=IT,CN=host.example.com,E=admin@example.com");
    assertThat(GeneralNames.fromExtensions(certificate.getExtensions(), Extension.subjectAlternativeName).getNames()).containsExactly(
        new GeneralName(GeneralName.dNSName, "host.example.com"), new GeneralName(GeneralName.iPAddress, "10.1.2.3"),
        new GeneralName(GeneralName.dNSName, "alias.example.com"));
    assertThat(issued.host()).isEqualTo("host.example.com");
    assertThat(issued.digest()).isEqualTo("sha256");
    assertThat(issued.sha1OptIn()).isNull();
  }

  @ParameterizedTest(name = "{0} with sha1 opt-in {1}")
  @CsvSource(nullValues = "null", value = {
    "sha224, null,  1.2.840.10045.4.3.1",
    "sha384, null,  1.2.840.10045.4.3.3",
    "sha512, false, 1.2.840.10045.4.3.4",
    "sha1,   true,  1.2.840.10045.4.1",
  })
  void givenARequestedDigest_whenIssued_thenTheCaSignsWithItAndRecordsIt(String digest, Boolean sha1OptIn, String oid) throws Exception {
    CertificateRequested request = createCert(Csrs.csrPem(RSA, "CN=h.example"), "server", null, null, null, digest, sha1OptIn);

    CertificateIssued issued = (CertificateIssued) cycle().issue(request, state);

    X509CertificateHolder certificate = parse(issued.certificatePem());
    assertThat(certificate.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo(oid);
    assertThat(certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(CA.certificate))).isTrue();
    assertThat(issued.digest()).isEqualTo(digest);
    assertThat(issued.sha1OptIn()).isEqualTo(sha1OptIn);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      sha1 without opt-in      | null          | null        | null         | sha1   | null  | policy-violation | digest sha1 is refused
      sha1 with opt-in false   | null          | null        | null         | sha1   | false | policy-violation | set sha1OptIn
      an unknown digest        | null          | null        | null         | md5    | null  | policy-violation | unknown digest 'md5'
      a subject without CN     | null          | -           | null         | null   | null  | policy-violation | the subject needs a common name
      a host that is no name   | bad_host.test | null        | null         | null   | null  | policy-violation | host 'bad_host.test' is not a valid DNS host name
      a name that is no name   | h.example     | null        | not a name   | null   | null  | policy-violation | neither a DNS host name nor an IPv4 or IPv6 address
      a server CN that is text | h.example     | My Server   | null         | null   | null  | policy-violation | neither a host name nor an IP address
      """)
  void givenBadCreateCertParameters_whenIssued_thenRejected(
      String what, String host, String commonName, String san, String digest, Boolean sha1OptIn, String code, String detail) {
    SubjectName subject = commonName == null ? null : new SubjectName("-".equals(commonName) ? null : commonName, null, null, "Example", null, null, null);
    CertificateRequested request = createCert(Csrs.csrPem(RSA, "CN=h.example"), "server", host, subject,
        san == null ? null : List.of(san), digest, sha1OptIn);

    assertRejected(cycle().issue(request, state), code, detail);
  }

  @Test
  void givenMoreThan100Names_whenIssued_thenRejected() {
    List<String> names = IntStream.range(0, 101).mapToObj(i -> "n" + i + ".example").toList();

    assertRejected(cycle().issue(createCert(Csrs.csrPem(RSA, "CN=n0.example"), "server", null, null, names, null, null), state),
        ErrorCode.POLICY_VIOLATION.code(), "at most 100 are issued");
  }

  @Test
  void givenAValidityBeyondTheProfile_whenIssued_thenBadValidityNamesTheProfileLimit() {
    Profile shortLived = new Profile("short", Profiles.SERVER.extendedKeyUsages(), Profiles.SERVER.keyUsageByKeyType(), false, true, 90);

    assertThatThrownBy(() -> IssuanceCycle.validUntil(91, shortLived, NOW, CA.issuing()))
        .isInstanceOfSatisfying(RequestProblem.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.BAD_VALIDITY))
        .hasMessageContaining("profile short allows at most 90 days, was 91");
    assertThat(IssuanceCycle.validUntil(90, shortLived, NOW, CA.issuing())).isEqualTo(NOW.plus(Duration.ofDays(90)));
  }

  @Test
  void givenAValidityBeyondTheCa_whenIssued_thenTheRejectionNamesBothDates() {
    CertificateRejected rejected = (CertificateRejected) cycle().issue(request(CA.caId(), Csrs.csrPem(RSA, "CN=h.example"), "server", 400), state);

    assertThat(rejected.detail()).contains("until " + NOW.plus(Duration.ofDays(400)), "expires at " + CA.issuing().notAfter());
  }

  @Test
  void givenACsrForTheKeyOfAnotherCa_whenIssued_thenWeakKey() {
    TestCa other = TestCa.ecP256(365, CA_CREATED);
    state.apply(other.stored);
    state.apply(other.created);

    assertRejected(cycle().issue(request(CA.caId(), Csrs.csrPem(other.keys, "CN=h.example"), "server", 10), state),
        ErrorCode.WEAK_KEY.code(), "key of a CA of this issuer");
  }

  private static void assertRejected(Event answer, String code, String detail) {
    assertThat(answer).isInstanceOfSatisfying(CertificateRejected.class, r -> {
      assertThat(r.code()).isEqualTo(code);
      assertThat(r.detail()).contains(detail);
    });
  }

  private static X509CertificateHolder parse(String pem) throws Exception {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return (X509CertificateHolder) parser.readObject();
    }
  }

  private static class DelegatingDirectory implements CaDirectory {
    private final CaDirectory delegate;

    DelegatingDirectory(CaDirectory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<IssuingCa> issuingCa(CaId caId) {
      return delegate.issuingCa(caId);
    }

    @Override
    public Optional<CaCreationFailed> creationFailure(CaId caId) {
      return delegate.creationFailure(caId);
    }

    @Override
    public boolean caAnswered(CaId caId) {
      return delegate.caAnswered(caId);
    }

    @Override
    public boolean requestAnswered(io.eventca.events.cert.RequestKey request) {
      return delegate.requestAnswered(request);
    }

    @Override
    public Optional<io.eventca.issuer.state.RequestOutcome> outcome(io.eventca.events.cert.RequestKey request) {
      return delegate.outcome(request);
    }

    @Override
    public String chainPem(CaId caId) {
      return delegate.chainPem(caId);
    }

    @Override
    public boolean serialUsed(CaId caId, BigInteger serial) {
      return delegate.serialUsed(caId, serial);
    }

    @Override
    public boolean isCaKey(SubjectPublicKeyInfo key) {
      return delegate.isCaKey(key);
    }

    @Override
    public Optional<io.eventca.events.registry.CaRetired> retirement(CaId caId) {
      return delegate.retirement(caId);
    }

    @Override
    public Optional<io.eventca.events.registry.RequesterRegistered> requester(String name) {
      return delegate.requester(name);
    }
  }
}
