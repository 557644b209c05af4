package io.eventca.issuer.ca;

import static io.eventca.issuer.TestIssuer.CRL_BASE;
import static io.eventca.issuer.TestIssuer.intermediateRequest;
import static io.eventca.issuer.TestIssuer.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.Event;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.ids.CaId;
import io.eventca.issuer.TestCa;
import io.eventca.issuer.TestIssuer;
import io.eventca.testkit.Csrs;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Intermediate CAs, through the request handler: given the CAs in the log, when a CA below one is requested, then ... */
class IntermediateCaTest {
  private static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");
  private static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));

  private final TestIssuer issuer = new TestIssuer(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void givenARoot_whenAnIntermediateWithPathLength0IsRequested_thenTheRootIssuesItAndCustodyStoresItsKey() throws Exception {
    TestCa root = TestCa.ecP256(3650, YESTERDAY);
    issuer.given(root.stored, root.created);

    List<Event> answers = issuer.when(intermediateRequest(root.caId(), "Issuing CA", 0, 365));

    assertThat(answers).hasSize(2);
    CaKeyStored stored = (CaKeyStored) answers.get(0);
    CaCreated created = (CaCreated) answers.get(1);
    assertThat(created.parentCaId()).isEqualTo(root.caId());
    assertThat(created.pathLength()).isZero();
    assertThat(stored.caId()).isEqualTo(created.caId());

    X509CertificateHolder certificate = parse(created.certificatePem());
    assertThat(certificate.getIssuer()).isEqualTo(root.certificate.getSubject());
    assertThat(certificate.getSubject().toString()).isEqualTo("C=US,O=Example,CN=Issuing CA");
    assertThat(certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(root.certificate))).isTrue();
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    assertThat(keyId(certificate, Extension.authorityKeyIdentifier)).isEqualTo(keyId(root.certificate, Extension.subjectKeyIdentifier));
    assertThat(keyId(certificate, Extension.subjectKeyIdentifier))
        .isEqualTo(new JcaX509ExtensionUtils().createSubjectKeyIdentifier(certificate.getSubjectPublicKeyInfo()).getKeyIdentifier());
    Extension basic = certificate.getExtension(Extension.basicConstraints);
    assertThat(basic.isCritical()).isTrue();
    assertThat(BasicConstraints.getInstance(basic.getParsedValue()).isCA()).isTrue();
    assertThat(BasicConstraints.getInstance(basic.getParsedValue()).getPathLenConstraint()).isZero();
    Extension usage = certificate.getExtension(Extension.keyUsage);
    assertThat(usage.isCritical()).isTrue();
    assertThat(KeyUsage.getInstance(usage.getParsedValue()))
        .isEqualTo(new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
    assertThat(crlUrls(certificate)).containsExactly(CRL_BASE + "/crls/" + root.caId() + ".crl");
    assertThat(urls(certificate, Extension.freshestCRL)).containsExactly(CRL_BASE + "/crls/" + root.caId() + "-delta.crl");
    assertThat(ocspUrls(certificate)).containsExactly(CRL_BASE + "/ocsp");

    // The stored key is the certificate's key, and the root's serial space now holds the intermediate's serial.
    assertThat(TestCa.CUSTODY.privateKey(stored).getAlgorithm()).isEqualTo("EC");
    assertThat(issuer.state.serialUsed(root.caId(), certificate.getSerialNumber())).isTrue();
  }

  @Test
  void givenAnIntermediate_whenItIssuesAServerCertificate_thenTheLeafPointsAtTheIntermediateAndThePathValidates() throws Exception {
    TestCa root = TestCa.ecP256(3650, YESTERDAY);
    issuer.given(root.stored, root.created);
    CaCreated intermediate = issuer.intermediate(root.caId(), "Issuing CA", 0);

    CertificateIssued issued = issuer.issue(TestIssuer.certificateRequest(intermediate.caId(),
        Csrs.csrPem(Csrs.ecP256(), "CN=ignored"), "server", "www.example.com", SubjectName.ofCommonName("www.example.com"), null));

    X509CertificateHolder leaf = parse(issued.certificatePem());
    X509CertificateHolder ca = parse(intermediate.certificatePem());
    assertThat(leaf.getIssuer()).isEqualTo(ca.getSubject());
    assertThat(keyId(leaf, Extension.authorityKeyIdentifier)).isEqualTo(keyId(ca, Extension.subjectKeyIdentifier));
    assertThat(crlUrls(leaf)).containsExactly(CRL_BASE + "/crls/" + intermediate.caId() + ".crl");
    assertThat(urls(leaf, Extension.freshestCRL)).containsExactly(CRL_BASE + "/crls/" + intermediate.caId() + "-delta.crl");
    assertThat(ocspUrls(leaf)).containsExactly(CRL_BASE + "/ocsp");
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(x509(root.certificate), null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(Date.from(NOW));
    CertPathValidator.getInstance("PKIX").validate(
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(x509(leaf), x509(ca))), parameters);
  }

  @Test
  void givenARootWithPathLength1_whenAnIntermediateWithoutOrWithPathLength0IsRequested_thenBothAreCreated() {
    TestCa root = TestCa.ecP256(3650, YESTERDAY, 1);
    issuer.given(root.stored, root.created);

    assertThat(issuer.intermediate(root.caId(), "Unconstrained", null).pathLength()).isNull();
    assertThat(issuer.intermediate(root.caId(), "Constrained", 0).pathLength()).isZero();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("an unknown parent", ErrorCode.UNKNOWN_CA.code(), "unknown parent CA",
            issuer -> intermediateRequest(CaId.random(), "Orphan", null, 30)),
        refusal("a parent whose creation failed", ErrorCode.CA_NOT_ACTIVE.code(), "was never created: weak-key", issuer -> {
          CaId failed = CaId.random();
          issuer.given(new CaCreationFailed(failed, ErrorCode.WEAK_KEY.code(), "too weak"));
          return intermediateRequest(failed, "Child", null, 30);
        }),
        refusal("an expired parent", ErrorCode.CA_NOT_ACTIVE.code(), "not now", issuer ->
            intermediateRequest(given(issuer, TestCa.ecP256(30, NOW.minus(Duration.ofDays(60)))), "Child", null, 10)),
        refusal("a parent with pathLength 0", ErrorCode.POLICY_VIOLATION.code(), "has pathLength 0: no further CA may be created below it",
            issuer -> intermediateRequest(given(issuer, TestCa.ecP256(3650, YESTERDAY, 0)), "Child", null, 30)),
        refusal("a grandparent with pathLength 1", ErrorCode.POLICY_VIOLATION.code(), "above parent CA", issuer -> {
          CaId root = given(issuer, TestCa.ecP256(3650, YESTERDAY, 1));
          return intermediateRequest(issuer.intermediate(root, "Middle", null).caId(), "Child", null, 30);
        }),
        refusal("a pathLength longer than the parent allows", ErrorCode.POLICY_VIOLATION.code(), "may have at most 0",
            issuer -> intermediateRequest(given(issuer, TestCa.ecP256(3650, YESTERDAY, 1)), "Child", 1, 30)),
        refusal("a CA that would outlive its parent", ErrorCode.BAD_VALIDITY.code(),
            "would end at 2027-05-04T12:00:00Z, after its parent CA", issuer -> {
              TestCa root = TestCa.ecP256(100, YESTERDAY);
              issuer.given(root.stored, root.created);
              return intermediateRequest(root.caId(), "Child", null, 365);
            }),
        refusal("sha1 without opt-in", ErrorCode.POLICY_VIOLATION.code(), "digest sha1 is refused", issuer -> {
          CaCreationRequested ok = intermediateRequest(given(issuer, TestCa.ecP256(3650, YESTERDAY)), "Child", null, 30);
          return new CaCreationRequested(ok.caId(), ok.subject(), KeyAlgorithm.EC, 256, "sha1", 30, "alice", NOW, ok.parentCaId(),
              null, false);
        }));
  }

  @ParameterizedTest(name = "given {0}, the CA is not created")
  @MethodSource("refusals")
  void givenAParentThatCannotTakeAnotherCa_whenRequested_thenCaCreationFailedAndNoKey(
      String given, String code, String reason, Function<TestIssuer, CaCreationRequested> givenAndRequest) {
    CaCreationRequested request = givenAndRequest.apply(issuer);

    List<Event> answers = issuer.when(request);

    assertThat(answers).singleElement().isInstanceOfSatisfying(CaCreationFailed.class, f -> {
      assertThat(f.caId()).isEqualTo(request.caId());
      assertThat(f.code()).isEqualTo(code);
      assertThat(f.reason()).contains(reason);
    });
  }

  @Test
  void theRefusalOfACaThatWouldOutliveItsParentNamesBothDates() {
    TestCa root = TestCa.ecP256(100, YESTERDAY);
    issuer.given(root.stored, root.created);

    CaCreationFailed failed = (CaCreationFailed) issuer.when(intermediateRequest(root.caId(), "Child", null, 365)).get(0);

    assertThat(failed.reason()).contains(NOW.plus(Duration.ofDays(365)).toString(), root.certificate.getNotAfter().toInstant().toString(),
        "ask for at most 99 days");
  }

  @Test
  void anUnknownParentIsLookedForAgainAfterACatchUp() {
    issuer.when(intermediateRequest(CaId.random(), "Orphan", null, 30));

    assertThat(issuer.catchUps).hasValue(1);
  }

  private static Arguments refusal(String given, String code, String reason, Function<TestIssuer, CaCreationRequested> request) {
    return Arguments.of(given, code, reason, request);
  }

  private static CaId given(TestIssuer issuer, TestCa ca) {
    issuer.given(ca.stored, ca.created);
    return ca.caId();
  }

  private static byte[] keyId(X509CertificateHolder certificate, org.bouncycastle.asn1.ASN1ObjectIdentifier which) {
    Extension extension = certificate.getExtension(which);
    return which.equals(Extension.authorityKeyIdentifier)
        ? AuthorityKeyIdentifier.getInstance(extension.getParsedValue()).getKeyIdentifierOctets()
        : SubjectKeyIdentifier.getInstance(extension.getParsedValue()).getKeyIdentifier();
  }

  private static List<String> crlUrls(X509CertificateHolder certificate) {
    return urls(certificate, Extension.cRLDistributionPoints);
  }

  private static List<String> ocspUrls(X509CertificateHolder certificate) {
    return Stream.of(AuthorityInformationAccess.getInstance(certificate.getExtension(Extension.authorityInfoAccess).getParsedValue())
            .getAccessDescriptions())
        .filter(a -> a.getAccessMethod().equals(AccessDescription.id_ad_ocsp))
        .map(a -> a.getAccessLocation().getName().toString())
        .toList();
  }

  /** The URLs of a cRLDistributionPoints or freshestCRL extension, which share one syntax. */
  private static List<String> urls(X509CertificateHolder certificate, ASN1ObjectIdentifier extension) {
    return Stream.of(CRLDistPoint.getInstance(certificate.getExtension(extension).getParsedValue())
            .getDistributionPoints())
        .flatMap(p -> Stream.of(GeneralNames.getInstance(p.getDistributionPoint().getName()).getNames()))
        .map(GeneralName::getName)
        .map(Object::toString)
        .toList();
  }

  private static X509Certificate x509(X509CertificateHolder certificate) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(certificate);
  }
}
