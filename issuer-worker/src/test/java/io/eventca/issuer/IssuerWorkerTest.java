package io.eventca.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.custody.KekWrappedCustody;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.service.KafkaClients;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker against a real Kafka broker: requests in on eventca.requests, facts out on eventca.issuance and eventca.ca-keys. */
@QuarkusTest
@QuarkusTestResource(RealKafka.class)
class IssuerWorkerTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** The current %test KEK of application.properties: the test may unwrap, to prove what is on the wire is really wrapped. */
  private static final KekWrappedCustody TEST_KEK = KekWrappedCustody.fromBase64("kek-2", "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=");

  @Inject IssuerWorker worker;

  private final String bootstrap = KafkaBroker.bootstrapServers();
  private EventProbe probe;

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(bootstrap);
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  private static CaCreationRequested caRequest(KeyAlgorithm algorithm, int keySize) {
    return new CaCreationRequested(CaId.random(), new SubjectName("Basic Certification Authority", null, null, "Example", null, null, "US"),
        algorithm, keySize, "sha256", 365, "alice", Instant.now());
  }

  private CaCreated givenACa() {
    CaCreationRequested request = caRequest(KeyAlgorithm.EC, 256);
    probe.publish(request);
    return probe.await(Topic.ISSUANCE, CaCreated.class, e -> e.caId().equals(request.caId()), WAIT);
  }

  private static CertificateRequested certificateRequest(CaId caId, RequestId requestId, String csrPem) {
    return new CertificateRequested(caId, requestId, csrPem, "server", 100, "bob", Instant.now(), null);
  }

  private CertificateIssued awaitIssued(RequestId requestId) {
    return probe.await(Topic.ISSUANCE, CertificateIssued.class, e -> e.requestId().equals(requestId), WAIT);
  }

  @Test
  void givenACaCreationRequest_whenAnswered_thenTheCaIsCreatedAndItsKeyIsOnlyStoredWrapped() throws Exception {
    CaCreationRequested request = caRequest(KeyAlgorithm.RSA, 2048);

    probe.publish(request);

    CaCreated created = probe.await(Topic.ISSUANCE, CaCreated.class, e -> e.caId().equals(request.caId()), WAIT);
    CaKeyStored stored = probe.await(Topic.CA_KEYS, CaKeyStored.class, e -> e.caId().equals(request.caId()), WAIT);
    X509Certificate caCertificate = x509(created.certificatePem());
    assertThat(caCertificate.getBasicConstraints()).isNotNegative();
    assertThat(caCertificate.getSubjectX500Principal()).isEqualTo(caCertificate.getIssuerX500Principal());
    caCertificate.verify(caCertificate.getPublicKey());
    assertThat(created.keyAlgorithm()).isEqualTo(KeyAlgorithm.RSA);
    assertThat(created.serialNumber().toBigInteger()).isEqualTo(caCertificate.getSerialNumber());

    PrivateKey key = TEST_KEK.privateKey(stored);
    byte[] plain = key.getEncoded();
    byte[] wire = Base64.getDecoder().decode(stored.wrappedPrivateKey());
    assertThat(indexOf(wire, plain)).isEqualTo(-1);
    assertThat(stored.wrappedPrivateKey()).doesNotContain(Base64.getEncoder().encodeToString(plain).substring(0, 64));
    assertThat(stored.kekId()).isEqualTo("kek-2");
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(key);
    signer.update(new byte[] {42});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(caCertificate.getPublicKey());
    verifier.update(new byte[] {42});
    assertThat(verifier.verify(signature)).as("the stored key belongs to the CA certificate").isTrue();
  }

  @Test
  void givenACa_whenAServerCertificateIsRequested_thenJcaAndOpensslAcceptWhatWasIssued() throws Exception {
    CaCreated ca = givenACa();
    RequestId requestId = RequestId.random();

    probe.publish(certificateRequest(ca.caId(), requestId, Csrs.csrPem(Csrs.rsa(2048), "O=Example,CN=host.example.internal")));

    CertificateIssued issued = awaitIssued(requestId);
    X509Certificate certificate = x509(issued.certificatePem());
    certificate.verify(x509(ca.certificatePem()).getPublicKey());
    assertThat(certificate.getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4"); // serverAuth clientAuth emailProtection
    assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "host.example.internal"));
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(certificate.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
    assertThat(issued.serialNumber().toBigInteger()).isEqualTo(certificate.getSerialNumber());
    String crlUrl = "http://localhost:8082/crls/" + ca.caId() + ".crl";
    assertThat(distributionPoints(certificate)).containsExactly(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl));

    String openssl = opensslText(issued.certificatePem());
    assertThat(openssl).contains("TLS Web Server Authentication", "X509v3 CRL Distribution Points", crlUrl,
        "DNS:host.example.internal", "CA:FALSE", "X509v3 Freshest CRL", "http://localhost:8082/crls/" + ca.caId() + "-delta.crl",
        "Authority Information Access", "OCSP - URI:http://localhost:8082/ocsp");
  }

  @Test
  void givenAnRsa1024Csr_whenRequested_thenItIsRejectedAsAWeakKey() {
    CaCreated ca = givenACa();
    RequestId requestId = RequestId.random();

    probe.publish(certificateRequest(ca.caId(), requestId, Csrs.csrPem(Csrs.rsa(1024), "CN=weak.example.internal")));

    CertificateRejected rejected = probe.await(Topic.ISSUANCE, CertificateRejected.class, e -> e.requestId().equals(requestId), WAIT);
    assertThat(rejected.code()).isEqualTo(ErrorCode.WEAK_KEY.code());
    assertThat(rejected.detail()).contains("1024 bits");
  }

  @Test
  void givenTheSameRequestTwice_whenProcessed_thenExactlyOneCertificateIsIssued() {
    CaCreated ca = givenACa();
    CertificateRequested twice = certificateRequest(ca.caId(), RequestId.random(), Csrs.csrPem(Csrs.ecP256(), "CN=twice.example.internal"));
    RequestId after = RequestId.random();

    probe.publish(twice);
    probe.publish(twice);
    // Same CA, same partition: once the later request is answered, both copies before it have been processed.
    probe.publish(certificateRequest(ca.caId(), after, Csrs.csrPem(Csrs.ecP256(), "CN=after.example.internal")));
    awaitIssued(after);

    List<Object> answers = TopicContents.readAll(bootstrap, Topic.ISSUANCE).stream()
        .filter(e -> (e instanceof CertificateIssued i && i.requestId().equals(twice.requestId()))
            || (e instanceof CertificateRejected r && r.requestId().equals(twice.requestId())))
        .map(e -> (Object) e)
        .toList();
    assertThat(answers).singleElement().isInstanceOf(CertificateIssued.class);
  }

  @Test
  void givenAGarbageRecordBeforeAValidRequest_whenProcessed_thenTheValidOneIsStillIssued() throws Exception {
    CaCreated ca = givenACa();
    RequestId requestId = RequestId.random();
    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(KafkaClients.producer(bootstrap, "garbage"))) {
      // Keyed like the CA's requests, so it sits in the same partition in front of the valid one.
      raw.send(new ProducerRecord<>(Topic.REQUESTS.topicName(), ca.caId().value(), "{not a cloudevent".getBytes(StandardCharsets.UTF_8)))
          .get();
    }

    probe.publish(certificateRequest(ca.caId(), requestId, Csrs.csrPem(Csrs.ecP256(), "CN=after-garbage.example.internal")));

    assertThat(awaitIssued(requestId).subjectDn()).isEqualTo("CN=after-garbage.example.internal");
  }

  /** The other worker still wraps under kek-1, the previous KEK here: its CAs issue all the same (rotation step 2). */
  @Test
  void givenACaWrittenByAnotherWorker_whenCaughtUp_thenItIsKnownAndIssues() {
    TestCa foreign = TestCa.ecP256();
    probe.publish(foreign.stored);
    probe.publish(foreign.created);

    worker.catchUp();

    assertThat(worker.state().issuingCa(foreign.caId())).isPresent();
    RequestId requestId = RequestId.random();
    probe.publish(certificateRequest(foreign.caId(), requestId, Csrs.csrPem(Csrs.ecP256(), "CN=foreign.example.internal")));
    assertThat(awaitIssued(requestId).caId()).isEqualTo(foreign.caId());
  }

  private static X509Certificate x509(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static List<GeneralName> distributionPoints(X509Certificate certificate) throws Exception {
    Extension extension = new JcaX509CertificateHolder(certificate).getExtension(Extension.cRLDistributionPoints);
    return Arrays.stream(CRLDistPoint.getInstance(extension.getParsedValue()).getDistributionPoints())
        .flatMap(p -> Arrays.stream(GeneralNames.getInstance(p.getDistributionPoint().getName()).getNames()))
        .toList();
  }

  private static String opensslText(String pem) throws Exception {
    Path file = Files.createTempFile("issued", ".pem");
    try {
      Files.writeString(file, pem);
      Process process = new ProcessBuilder("openssl", "x509", "-noout", "-text", "-in", file.toString())
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      return output;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
