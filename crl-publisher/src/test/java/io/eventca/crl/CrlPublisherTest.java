package io.eventca.crl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.eventca.events.RevocationReason;
import io.eventca.events.Topic;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.crl.RevocationPublished;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The publisher against a real broker: given CA and revocation events, then CRLs on eventca.crls and over HTTP. */
@QuarkusTest
@QuarkusTestResource(RealKafka.class)
class CrlPublisherTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private EventProbe probe;

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(KafkaBroker.bootstrapServers());
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  @Test
  void aNewCaGetsAnEmptyFullCrlOneAndDeltaCrlTwoOnIt_thatOpensslVerifies() throws Exception {
    TestCa ca = givenACa();

    CrlPublished first = probe.await(Topic.CRLS, CrlPublished.class, c -> c.caId().equals(ca.caId()) && !c.isDelta(), WAIT);
    CrlPublished delta = probe.await(Topic.CRLS, CrlPublished.class, c -> c.caId().equals(ca.caId()) && c.isDelta(), WAIT);

    assertThat(first.crlNumber()).isEqualTo(1);
    assertThat(first.revokedCount()).isZero();
    assertThat(Duration.between(first.thisUpdate(), first.nextUpdate())).isEqualTo(Duration.ofHours(24));
    assertThat(delta.crlNumber()).isEqualTo(2);
    assertThat(delta.baseCrlNumber()).isEqualTo(1);
    String text = openssl(ca, awaitServed(ca.caId(), 1));
    assertThat(text).contains("verify OK", "X509v3 CRL Number", "No Revoked Certificates", "X509v3 Freshest CRL",
        "/crls/" + ca.caId().value() + "-delta.crl");
    String deltaText = openssl(ca, awaitServed(ca.caId(), "-delta", 2));
    assertThat(deltaText).contains("verify OK", "X509v3 Delta CRL Indicator: critical");
  }

  @Test
  void aRevocationIsInTheNextCrlsWithItsReasonAndInvalidityDate_andOnTheFleetFeed() throws Exception {
    TestCa ca = givenACa();
    probe.await(Topic.CRLS, CrlPublished.class, c -> c.caId().equals(ca.caId()) && c.isDelta(), WAIT);

    Instant invalid = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    probe.publish(new CertificateRevoked(ca.caId(), new SerialNumber("7b2c"), RevocationReason.keyCompromise,
        Instant.now().truncatedTo(ChronoUnit.SECONDS), invalid, "operator-1"));

    // A small CA re-issues its full CRL at every batch, with a delta on it.
    CrlPublished full = probe.await(Topic.CRLS, CrlPublished.class,
        c -> c.caId().equals(ca.caId()) && !c.isDelta() && c.crlNumber() == 3, WAIT);
    assertThat(full.revokedCount()).isEqualTo(1);
    RevocationPublished announced =
        probe.await(Topic.REVOCATION_FEED, RevocationPublished.class, r -> r.caId().equals(ca.caId()), WAIT);
    assertThat(announced.serialNumber().hex()).isEqualTo("7b2c");
    assertThat(announced.crlNumber()).isEqualTo(3);
    assertThat(announced.invalidityDate()).isEqualTo(invalid);
    String text = openssl(ca, awaitServed(ca.caId(), 3));
    assertThat(text).contains("verify OK", "Serial Number: 7B2C", "Key Compromise", "Invalidity Date");
    assertThat(text).containsPattern("X509v3 CRL Number:\\s+3");
    assertThat(openssl(ca, awaitServed(ca.caId(), "-delta", 4))).contains("Serial Number: 7B2C", "Delta CRL Indicator");
  }

  @Test
  void theNumberContinuesFromTheLogNotFromMemory() {
    TestCa ca = givenACa();
    probe.await(Topic.CRLS, CrlPublished.class, c -> c.caId().equals(ca.caId()), WAIT);
    // Given a CRL numbered 41 by some other instance (or an earlier life of this one) ...
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    probe.publish(new CrlPublished(ca.caId(), 41, now, now.plus(Duration.ofHours(24)), 0,
        "-----BEGIN X509 CRL-----\n-----END X509 CRL-----\n"));
    awaitServedNumber(ca.caId(), 41);

    // ... then the publisher's next CRL, the delta on that full CRL, is number 42 ...
    CrlPublished next = probe.await(Topic.CRLS, CrlPublished.class, c -> c.caId().equals(ca.caId()) && c.crlNumber() > 41, WAIT);
    assertThat(next.crlNumber()).isEqualTo(42);
    assertThat(next.baseCrlNumber()).isEqualTo(41L);

    // ... and when a certificate is revoked after it (not before: the revocation would ride in delta 42), then the
    // full CRL that lists it is 43.
    probe.publish(new CertificateRevoked(ca.caId(), new SerialNumber("99"), RevocationReason.superseded, now, null, "operator-1"));
    CrlPublished full = probe.await(Topic.CRLS, CrlPublished.class,
        c -> c.caId().equals(ca.caId()) && !c.isDelta() && c.crlNumber() > 42, WAIT);
    assertThat(full.crlNumber()).isEqualTo(43);
    assertThat(full.revokedCount()).isEqualTo(1);
  }

  @Test
  void httpValidatorsAnswer304AndCachingIsBounded() {
    TestCa ca = givenACa();
    awaitServed(ca.caId(), 1);
    var response = given().get("/crls/{id}.crl", ca.caId().value());
    String etag = response.header("ETag");
    String lastModified = response.header("Last-Modified");

    assertThat(response.header("Cache-Control")).contains("max-age=");
    assertThat(Integer.parseInt(response.header("Cache-Control").replaceAll(".*max-age=(\\d+).*", "$1"))).isBetween(0, 60);
    given().header("If-None-Match", etag).get("/crls/{id}.crl", ca.caId().value()).then().statusCode(304);
    given().header("If-Modified-Since", lastModified).get("/crls/{id}.crl", ca.caId().value()).then().statusCode(304);
    given().header("If-None-Match", "\"something-else\"").get("/crls/{id}.crl", ca.caId().value()).then().statusCode(200);
    given().get("/crls/{id}.pem", ca.caId().value()).then().statusCode(200)
        .contentType("application/x-pem-file").body(startsWith("-----BEGIN X509 CRL-----"));
    awaitServedNumber(ca.caId(), "-delta", 2);
    String deltaTag = given().get("/crls/{id}-delta.crl", ca.caId().value()).header("ETag");
    given().header("If-None-Match", deltaTag).get("/crls/{id}-delta.crl", ca.caId().value()).then().statusCode(304);
    given().get("/crls/{id}-delta.pem", ca.caId().value()).then().statusCode(200)
        .contentType("application/x-pem-file").body(startsWith("-----BEGIN X509 CRL-----"));
  }

  @Test
  void badRequestsGetProblemJson() {
    given().get("/crls/not-a-ca.crl").then().statusCode(400).contentType("application/problem+json")
        .body("status", equalTo(400)).body("detail", startsWith("caId"));
    given().get("/crls/{id}.crl", CaId.random().value()).then().statusCode(404).contentType("application/problem+json")
        .body("title", equalTo("Not found"));
    given().get("/crls/{id}.txt", CaId.random().value()).then().statusCode(404).contentType("application/problem+json");
    given().get("/crls/not-a-ca-delta.crl").then().statusCode(400).contentType("application/problem+json");
    given().get("/crls/{id}-delta.pem", CaId.random().value()).then().statusCode(404).contentType("application/problem+json")
        .body("detail", startsWith("no delta CRL"));
  }

  @Test
  void readinessIsUpOnceTheLogIsReplayed() {
    await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
  }

  private TestCa givenACa() {
    TestCa ca = TestCa.rsa();
    probe.publish(ca.created());
    probe.publish(ca.keyStored());
    return ca;
  }

  private byte[] awaitServed(CaId caId, long number) {
    return awaitServed(caId, "", number);
  }

  private byte[] awaitServed(CaId caId, String kind, long number) {
    awaitServedNumber(caId, kind, number);
    var response = given().get("/crls/{id}" + kind + ".crl", caId.value());
    response.then().statusCode(200).contentType("application/pkix-crl");
    return response.asByteArray();
  }

  private void awaitServedNumber(CaId caId, long number) {
    awaitServedNumber(caId, "", number);
  }

  private void awaitServedNumber(CaId caId, String kind, long number) {
    await().atMost(WAIT).pollInterval(200, TimeUnit.MILLISECONDS).untilAsserted(() ->
        given().get("/crls/{id}" + kind + ".crl", caId.value()).then().statusCode(200).header("ETag", "\"" + caId.value() + "-" + number + "\""));
  }

  /** Verifies the DER CRL against the CA certificate with the OpenSSL CLI and returns its text form. */
  private static String openssl(TestCa ca, byte[] der) throws Exception {
    Path dir = Files.createTempDirectory("crl");
    Path crl = Files.write(dir.resolve("ca.crl"), der);
    Path cert = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    Process process = new ProcessBuilder("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-CAfile", cert.toString(),
        "-noout", "-text").redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
