package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.math.BigInteger;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, finding 3: facts written by someone other than their writer. ca-service believes what it can check: a CA is
 * ACTIVE (and in bundle.pem) only once its CaCreationRequested is known and names its certificate's common name; a root
 * must sign itself; a certificate must verify with its CA's certificate; a CA's certificate is never replaced. Before, a
 * forged CaCreated with a foreign root became an ACTIVE CA in bundle.pem.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ForgedFactsTest {
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

  private static CaCreationRequested request(CaId caId, String commonName) {
    return new CaCreationRequested(caId, SubjectName.ofCommonName(commonName), KeyAlgorithm.EC, 256, "sha256", 365, "admin", Instant.now());
  }

  @Test
  void aCaCreatedWithoutItsRequestStaysPending_outOfTheBundle_untilTheRequestComes() {
    CaId caId = CaId.random();
    CaCreated created = issuer.created(request(caId, "Early CA"));

    probe.publish(created);
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().statusCode(200).body("status", equalTo("PENDING")));
    assertThat(RestAssured.get("/api/v1/cas/bundle.pem").asString()).doesNotContain(body(created.certificatePem()));

    probe.publish(request(caId, "Early CA"));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));
    assertThat(RestAssured.get("/api/v1/cas/bundle.pem").asString()).contains(body(created.certificatePem()));
  }

  @Test
  void aCaCreatedNamingAnotherSubjectThanItsRequest_orWhoseRootDoesNotSignItself_isRefused() throws Exception {
    CaId renamed = CaId.random();
    probe.publish(request(renamed, "Real CA"));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + renamed).then().statusCode(200));
    CaCreated foreign = new FakeIssuer().created(request(renamed, "Evil CA"));
    probe.publish(foreign);

    CaId unsigned = CaId.random();
    probe.publish(request(unsigned, "Unsigned CA"));
    X509CertificateHolder notSelfSigned = certificate("CN=Unsigned CA", "CN=Unsigned CA", Csrs.ecP256(), Csrs.ecP256(), true);
    probe.publish(new CaCreated(unsigned, "CN=Unsigned CA", SerialNumber.of(notSelfSigned.getSerialNumber()),
        notSelfSigned.getNotBefore().toInstant(), notSelfSigned.getNotAfter().toInstant(), KeyAlgorithm.EC, 256, "sha256",
        Csrs.pem(notSelfSigned), null, null, null));

    // Another common name than asked for fails the CA, as it does when the CaCreated is read before its request (a
    // replay reads the topics in another order: ReadModelRebuildTest); the CA serves no certificate.
    await().atMost(TIMEOUT).untilAsserted(() -> {
      asAdmin().get("/api/v1/cas/" + renamed).then().body("status", equalTo("FAILED")).body("failureCode", equalTo("unverified-fact"))
          .body("failureReason", org.hamcrest.Matchers.containsString("another common name"));
      assertThat(refusal(unsigned.value())).contains("does not verify with its own key");
    });
    RestAssured.get("/api/v1/cas/" + renamed + "/certificate").then().statusCode(409);
    asAdmin().get("/api/v1/cas/" + unsigned).then().body("status", equalTo("PENDING"));
    assertThat(RestAssured.get("/q/metrics").asString()).containsPattern("eventca_projection_refused_facts_total(\\{[^}]*\\})? [1-9]");
  }

  @Test
  void aCertificateItsCaDidNotSign_orASecondCaCreated_isRefused_andTheCaKeepsItsCertificate() throws Exception {
    CaId caId = CaId.random();
    CaCreationRequested requested = request(caId, "Genuine CA");
    CaCreated created = issuer.created(requested);
    probe.publish(requested);
    probe.publish(created);
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));

    CertificateIssued forged = new FakeIssuer().issued(new CertificateRequested(caId, RequestId.random(),
        Csrs.csrPem(Csrs.ecP256(), "CN=forged.example.internal"), "server", 30, "mallory", Instant.now(), null), "Genuine CA");
    CaCreated replacement = new FakeIssuer().created(requested);
    probe.publish(forged);
    probe.publish(replacement);

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(refusal(caId.value())).isNotNull());
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(refusals(caId.value())).isEqualTo(2));
    asAdmin().get("/api/v1/cas/" + caId + "/certificates/" + forged.serialNumber().hex()).then().statusCode(404);
    asAdmin().get("/api/v1/cas/" + caId).then().body("serialNumber", equalTo(created.serialNumber().hex()));
  }

  /** Read before its request, as a replay may read them: still the first certificate stands and the second is refused. */
  @Test
  void aSecondCaCreatedReadBeforeTheRequest_isRefusedToo() throws Exception {
    CaId caId = CaId.random();
    CaCreationRequested requested = request(caId, "Early Genuine CA");
    CaCreated first = issuer.created(requested);
    probe.publish(first);
    probe.publish(new FakeIssuer().created(requested));
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(refusal(caId.value())).contains("a second CaCreated cannot replace it"));
    probe.publish(requested);
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE"))
        .body("serialNumber", equalTo(first.serialNumber().hex())));
  }

  /** Another common name read before the request fails the CA just as when the request came first. */
  @Test
  void aCaCreatedForAnotherNameReadBeforeItsRequest_failsTheCaAlike() {
    CaId caId = CaId.random();
    probe.publish(new FakeIssuer().created(request(caId, "Evil Early CA")));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().statusCode(200).body("status", equalTo("PENDING")));
    probe.publish(request(caId, "Real Early CA"));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("FAILED"))
        .body("failureReason", equalTo("its certificate names another common name than its CaCreationRequested")));
    RestAssured.get("/api/v1/cas/" + caId + "/certificate").then().statusCode(409);
  }

  @Test
  void aCertificateOfACaWithoutABelievedCertificate_isRefused() throws Exception {
    CaId nobody = CaId.random();
    CertificateIssued orphan = issuer.issued(new CertificateRequested(nobody, RequestId.random(),
        Csrs.csrPem(Csrs.ecP256(), "CN=orphan.example.internal"), "server", 30, "mallory", Instant.now(), null), "Nobody CA");
    probe.publish(orphan);

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(refusal(nobody.value())).contains("has no certificate here"));
    asAdmin().get("/api/v1/cas/" + nobody + "/certificates/" + orphan.serialNumber().hex()).then().statusCode(404);
  }

  private static String body(String pem) {
    return pem.replaceAll("-----[A-Z ]+-----", "").strip().substring(0, 60);
  }

  private static X509CertificateHolder certificate(String issuer, String subject, KeyPair issuerKey, KeyPair subjectKey, boolean ca)
      throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()).shiftLeft(8).setBit(70),
        Date.from(now.minusSeconds(60)), Date.from(now.plus(30, ChronoUnit.DAYS)), new X500Name(subject), subjectKey.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate()));
  }

  private static String refusal(String caId) throws Exception {
    try (Connection db = connection(); PreparedStatement q = db.prepareStatement("SELECT reason FROM refused_fact WHERE ca_id = ?")) {
      q.setString(1, caId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static int refusals(String caId) throws Exception {
    try (Connection db = connection(); PreparedStatement q = db.prepareStatement("SELECT count(*) FROM refused_fact WHERE ca_id = ?")) {
      q.setString(1, caId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static Connection connection() throws Exception {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class), "");
  }
}
