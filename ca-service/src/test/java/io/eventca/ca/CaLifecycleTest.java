package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.events.registry.KeyDownloadLockedOut;
import io.eventca.events.registry.KeyDownloadUnlocked;
import io.eventca.service.KafkaClients;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ca-service against a real broker and a real PostgreSQL. The issuer-worker's part is played by the test
 * (FakeIssuer), so each test reads: given these events, when this HTTP call, then these events / answers.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CaLifecycleTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static EventProbe probe;
  private final FakeIssuer issuer = new FakeIssuer();

  @BeforeAll
  static void probe() {
    probe = new EventProbe(KafkaBroker.bootstrapServers());
  }

  @AfterAll
  static void close() {
    probe.close();
  }

  private String createActiveCa(String commonName) {
    String caId = asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", commonName))
        .post("/api/v1/cas").then().statusCode(202).extract().path("caId");
    CaCreationRequested requested = probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
    probe.publish(issuer.created(requested));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));
    return caId;
  }

  @Test
  void whenACaIsRequested_thenTheRequestIsRecordedWithTheScriptDefaults_andTheCaBecomesActiveOnceCreated() {
    Response response = asAdmin().contentType(ContentType.JSON)
        .body(Map.of("commonName", "Basic Certification Authority", "country", "us", "organization", "Example"))
        .post("/api/v1/cas");
    response.then().statusCode(202).header("Location", notNullValue()).body("status", equalTo("PENDING"));
    String caId = response.path("caId");
    assertThat(response.header("Location")).endsWith("/api/v1/cas/" + caId);

    CaCreationRequested requested = probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
    assertThat(requested.keyAlgorithm().name()).isEqualTo("RSA");
    assertThat(requested.keySize()).isEqualTo(2048);
    assertThat(requested.digest()).isEqualTo("sha256");
    assertThat(requested.validityDays()).isEqualTo(365);
    assertThat(requested.subject().country()).isEqualTo("US");
    assertThat(requested.requestedBy()).as("the token's principal").isEqualTo(TestTokens.ADMIN);

    CaCreated created = issuer.created(requested);
    probe.publish(created);

    await().atMost(TIMEOUT).untilAsserted(() ->
        asAdmin().get("/api/v1/cas/" + caId).then().statusCode(200)
            .body("status", equalTo("ACTIVE"))
            .body("serialNumber", equalTo(created.serialNumber().hex())));
    asAdmin().get("/api/v1/cas/" + caId + "/certificate").then().statusCode(200)
        .body(startsWith("-----BEGIN CERTIFICATE-----"));
    asAdmin().get("/api/v1/cas").then().statusCode(200).body("find { it.caId == '" + caId + "' }.status", equalTo("ACTIVE"));
  }

  @Test
  void theCaCertificateDownloadsAsAPkcs12TrustStoreThatKeytoolOpens_andJoinsTheBundle() throws Exception {
    String caId = createActiveCa("Trusted CA");
    byte[] pfx = asAdmin().get("/api/v1/cas/" + caId + "/certificate.pfx").then().statusCode(200)
        .header("Content-Disposition", "attachment; filename=\"ca_cert.pfx\"").extract().asByteArray();
    java.nio.file.Path file = java.nio.file.Files.createTempFile("ca_cert", ".pfx");
    java.nio.file.Files.write(file, pfx);
    Process keytool = new ProcessBuilder("keytool", "-list", "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", "changeit").redirectErrorStream(true).start();
    String out = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(out).isZero();
    assertThat(out).contains("trustedCertEntry").contains(caId);

    String pem = asAdmin().get("/api/v1/cas/" + caId + "/certificate").then().extract().asString();
    asAdmin().get("/api/v1/cas/bundle.pem").then().statusCode(200).body(org.hamcrest.Matchers.containsString(pem.strip()));
  }

  @Test
  void givenAnIssuerThatAnswers_whenACaIsCreatedWithPreferWait_thenTheAnswerIs201WithTheActiveCa() {
    CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
      CaCreationRequested r = probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.subject().commonName().equals("Waited CA"), TIMEOUT);
      probe.publish(issuer.created(r));
    });
    asAdmin().contentType(ContentType.JSON).header("Prefer", "wait=15").body(Map.of("commonName", "Waited CA"))
        .post("/api/v1/cas").then().statusCode(201).header("Preference-Applied", "wait=15").body("status", equalTo("ACTIVE"));
    answer.join();
  }

  @Test
  void givenAFailedCreation_thenTheCaIsFailedWithTheReason() {
    String caId = asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", "Doomed CA"))
        .post("/api/v1/cas").then().statusCode(202).extract().path("caId");
    probe.publish(new CaCreationFailed(new CaId(caId), "internal-error", "the key generator broke"));
    await().atMost(TIMEOUT).untilAsserted(() ->
        asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("FAILED")).body("failureReason", equalTo("the key generator broke")));
    asAdmin().contentType(ContentType.JSON).body(Map.of("csr", Csrs.csrPem(Csrs.ecP256(), "CN=a.example"), "profile", "server"))
        .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(409).contentType("application/problem+json");
  }

  @Test
  void givenAnActiveCa_whenACertificateIsRequestedWithWait_thenItIsIssued_searchable_andRevocable() {
    String caId = createActiveCa("Issuing CA");
    CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
      CertificateRequested r = probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
      assertThat(r.validityDays()).isEqualTo(100);
      assertThat(r.requestedBy()).isEqualTo(TestTokens.ADMIN);
      probe.publish(issuer.issued(r, "Issuing CA"));
    });
    Response issued = asAdmin().contentType(ContentType.JSON).header("Prefer", "wait=15")
        .body(Map.of("csr", Csrs.csrPem(Csrs.rsa(2048), "CN=host.example"), "profile", "server"))
        .post("/api/v1/cas/" + caId + "/certificates");
    answer.join();
    issued.then().statusCode(201).body("status", equalTo("VALID")).body("certificatePem", startsWith("-----BEGIN CERTIFICATE-----"));
    String serial = issued.path("serialNumber");
    String requestId = issued.path("requestId");

    asAdmin().get("/api/v1/requests/" + requestId).then().statusCode(200).body("status", equalTo("ISSUED")).body("serialNumber", equalTo(serial));
    asAdmin().get("/api/v1/cas/" + caId + "/certificates/" + serial.toUpperCase()).then().statusCode(200).body("serialNumber", equalTo(serial));
    asAdmin().get("/api/v1/cas/" + caId + "/certificates/" + serial + "/certificate").then().statusCode(200)
        .header("Content-Disposition", "attachment; filename=\"" + serial + "_cert.pem\"");
    asAdmin().queryParam("caId", caId).queryParam("status", "VALID").get("/api/v1/certificates").then().statusCode(200)
        .body("count", equalTo(1)).body("items[0].serialNumber", equalTo(serial));

    asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
        .post("/api/v1/cas/" + caId + "/certificates/" + serial + "/revocation").then().statusCode(202);
    CertificateRevoked revoked = probe.await(Topic.REVOCATIONS, CertificateRevoked.class, e -> e.serialNumber().hex().equals(serial), TIMEOUT);
    assertThat(revoked.reason().name()).isEqualTo("keyCompromise");
    assertThat(revoked.revokedBy()).as("the token's principal").isEqualTo(TestTokens.ADMIN);

    await().atMost(TIMEOUT).untilAsserted(() ->
        asAdmin().get("/api/v1/cas/" + caId + "/certificates/" + serial).then().body("status", equalTo("REVOKED")));
    asAdmin().queryParam("caId", caId).queryParam("status", "REVOKED").get("/api/v1/certificates").then().body("count", equalTo(1));
    asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "superseded"))
        .post("/api/v1/cas/" + caId + "/certificates/" + serial + "/revocation").then().statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  void givenARejection_thenTheRequestIsRejectedWithItsReason_andAWaitingCallerGets422() {
    String caId = createActiveCa("Strict CA");
    CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
      CertificateRequested r = probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
      probe.publish(new CertificateRejected(r.caId(), r.requestId(), "lint-failed", "rule SanContainsCommonName failed"));
    });
    Response response = asAdmin().contentType(ContentType.JSON).header("Prefer", "wait=15")
        .body(Map.of("csr", Csrs.csrPem(Csrs.ecP256(), "CN=bad.example"), "profile", "client"))
        .post("/api/v1/cas/" + caId + "/certificates");
    answer.join();
    response.then().statusCode(422).contentType("application/problem+json").body("code", equalTo("lint-failed"));
    asAdmin().get("/api/v1/requests/" + response.path("requestId")).then().body("status", equalTo("REJECTED"))
        .body("rejectionDetail", equalTo("rule SanContainsCommonName failed"));
  }

  @Test
  void givenAnActiveCa_whenACsrCarriesTheCasOwnKey_thenTheDoorRefusesIt_andNothingIsRequested() throws Exception {
    String caId = createActiveCa("Own Key CA");
    asAdmin().contentType(ContentType.JSON).body(Map.of("csr", Csrs.csrPem(issuer.caKeys(), "CN=own-key.example"), "profile", "server"))
        .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(400).contentType("application/problem+json")
        .body("field", equalTo("csr")).body("code", equalTo("weak-key")).body("type", equalTo("urn:eventca:error:weak-key"))
        .body("detail", equalTo("the CSR's public key is the CA's own key"));
    // The same CSR with another key is taken: what was refused was the key, nothing else.
    asAdmin().contentType(ContentType.JSON).body(Map.of("csr", Csrs.csrPem(Csrs.ecP256(), "CN=own-key.example"), "profile", "server"))
        .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(202);
    probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
    assertThat(probe.readAll(Topic.REQUESTS, CertificateRequested.class, e -> e.caId().value().equals(caId))).hasSize(1);
  }

  @Test
  void givenAnActiveCa_whenAWildcardIsAskedFor_thenTheDoorTakesItAsTheWorkerWould() throws Exception {
    // One reading of a host name (request-checks Hostnames): a leading "*." label is one; "a.*.b" is none.
    String caId = createActiveCa("Wildcard CA");
    String requestId = asAdmin().contentType(ContentType.JSON).body(Map.of("csr", Csrs.csrPem(Csrs.ecP256(), "CN=wild.example"),
            "profile", "server", "host", "*.wild.example", "subjectAltNames", java.util.List.of("*.api.example")))
        .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(202).extract().path("requestId");
    CertificateRequested r = probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.requestId().value().equals(requestId), TIMEOUT);
    assertThat(r.host()).isEqualTo("*.wild.example");
    assertThat(r.subjectAltNames()).containsExactly("*.api.example");
    asAdmin().contentType(ContentType.JSON).body(Map.of("csr", Csrs.csrPem(Csrs.ecP256(), "CN=wild.example"),
            "profile", "server", "host", "a.*.wild.example"))
        .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(400).body("field", equalTo("host"));
  }

  @Test
  void theRestDoorRefusesInTheWordsAKafkaRequesterReads() throws Exception {
    // One vocabulary (ErrorCode): the code a fleet service would read in its CertificateRequestRefused, its kind's status.
    String csr = Csrs.csrPem(Csrs.ecP256(), "CN=vocabulary.example");
    asAdmin().contentType(ContentType.JSON).body(Map.of("csr", csr, "profile", "server"))
        .post("/api/v1/cas/" + java.util.UUID.randomUUID() + "/certificates").then().statusCode(404)
        .contentType("application/problem+json").body("code", equalTo("unknown-ca")).body("type", equalTo("urn:eventca:error:unknown-ca"));
    String pending = asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", "Never Created CA"))
        .post("/api/v1/cas").then().statusCode(202).extract().path("caId");
    asAdmin().contentType(ContentType.JSON).body(Map.of("csr", csr, "profile", "server"))
        .post("/api/v1/cas/" + pending + "/certificates").then().statusCode(409)
        .body("code", equalTo("ca-not-active")).body("caStatus", equalTo("PENDING"));
  }

  @Test
  void theSameCertificateDeliveredThriceIsListedOnce() throws Exception {
    // Held by the handlers merging into what is there (a retried producer writes the same fact under a new event id).
    String caId = createActiveCa("Replay CA");
    CertificateIssued issued = issueOne(caId, "Replay CA", "twice.example");
    byte[] sameRecord = new EventCodec("test").encode(issued);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(KafkaBroker.bootstrapServers(), "replay"))) {
      for (int i = 0; i < 2; i++) {
        producer.send(new ProducerRecord<>(Topic.ISSUANCE.topicName(), caId, sameRecord)).get();
      }
    }
    probe.publish(issued); // the same fact under a new event id
    // A later event on the same partition: once it is applied, so are the three before it.
    CertificateIssued marker = issueOne(caId, "Replay CA", "marker.example");
    probe.publish(marker);
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/requests/" + marker.requestId().value()).then()
        .body("status", equalTo("ISSUED")));
    asAdmin().queryParam("caId", caId).get("/api/v1/certificates").then().body("count", equalTo(2));
  }

  @Test
  void givenALockOutAndItsUnlock_whenTheLockOutIsDeliveredAgain_thenTheKeyStaysUnlocked() throws Exception {
    // Held by the applied-event ids alone: applied again, a lock-out would lock what its unlock lifted.
    String caId = createActiveCa("Redelivery CA");
    SerialNumber serial = new SerialNumber("5e71a1");
    Instant lockedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ProducerRecord<String, byte[]> lockOut = new EventCodec("test").toRecord(
        new KeyDownloadLockedOut(new CaId(caId), serial, "svc-guesser", 10, lockedAt));
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(KafkaBroker.bootstrapServers(), "redeliver"))) {
      producer.send(lockOut).get();
      awaitLockOut(caId, serial, "LOCKED");
      probe.publish(new KeyDownloadUnlocked(new CaId(caId), serial, lockedAt, "owner verified", "admin", Instant.now()));
      awaitLockOut(caId, serial, "UNLOCKED");

      producer.send(lockOut).get(); // the same record, event id and all: a redelivery after a rebalance
    }
    // A later event on the same partition (same CA key): once it is applied, the redelivery before it was read too.
    SerialNumber other = new SerialNumber("7e57");
    probe.publish(new KeyDownloadLockedOut(new CaId(caId), other, "svc-guesser", 10, lockedAt));
    awaitLockOut(caId, other, "LOCKED");
    asAdmin().get("/api/v1/key-download-lockouts?caId=" + caId).then()
        .body("find { it.serialNumber == '" + serial.hex() + "' }.status", equalTo("UNLOCKED"));
  }

  /** A certificate for a new request, signed by the fake issuer, not yet published. */
  private CertificateIssued issueOne(String caId, String caName, String commonName) throws Exception {
    String requestId = asAdmin().contentType(ContentType.JSON)
        .body(Map.of("csr", Csrs.csrPem(Csrs.ecP256(), "CN=" + commonName), "profile", "server"))
        .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(202).extract().path("requestId");
    CertificateRequested r = probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.requestId().value().equals(requestId), TIMEOUT);
    return issuer.issued(r, caName);
  }

  private static void awaitLockOut(String caId, SerialNumber serial, String status) {
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/key-download-lockouts?caId=" + caId).then()
        .body("find { it.serialNumber == '" + serial.hex() + "' }.status", equalTo(status)));
  }
}
