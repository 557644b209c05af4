package io.eventca.crl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eventca.events.RevocationReason;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OCSP responder over HTTP against a real broker: given a CA's events on the log, then OpenSSL asks /ocsp. */
@QuarkusTest
@QuarkusTestResource(RealKafka.class)
class OcspResourceTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();

  @TestHTTPResource("/ocsp")
  URL ocspUrl;

  private EventProbe probe;
  private Path dir;

  @BeforeEach
  void open() throws Exception {
    probe = new EventProbe(KafkaBroker.bootstrapServers());
    dir = Files.createTempDirectory("ocsp");
  }

  @AfterEach
  void close() {
    probe.close();
  }

  @Test
  void opensslSeesAnIssuedCertificateGoodAndThenRevoked() throws Exception {
    TestLeaf leaf = givenACaWithALeaf();
    Files.writeString(dir.resolve("ca.pem"), leaf.ca().certificatePem());
    Files.writeString(dir.resolve("leaf.pem"), leaf.certificatePem());

    await().atMost(WAIT).pollInterval(500, TimeUnit.MILLISECONDS)
        .untilAsserted(() -> assertThat(opensslAsk()).contains("Response verify OK", "leaf.pem: good"));

    Instant revokedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    probe.publish(new CertificateRevoked(leaf.ca().caId(), leaf.serial(), RevocationReason.keyCompromise, revokedAt, null, "operator-1"));

    await().atMost(WAIT).pollInterval(500, TimeUnit.MILLISECONDS)
        .untilAsserted(() -> assertThat(opensslAsk()).contains("Response verify OK", "leaf.pem: revoked", "Reason: keyCompromise"));
  }

  @Test
  void aGetWithTheUrlEncodedBase64RequestIsAnsweredAndCacheableUntilNextUpdate() throws Exception {
    TestLeaf leaf = givenACaWithALeaf();
    // A request whose base64 has '/' and '+', so the test covers the percent-encoding RFC 6960 A.1 asks for.
    String base64;
    do {
      base64 = Base64.getEncoder().encodeToString(request(leaf));
    } while (!base64.contains("/") || !base64.contains("+"));
    String path = "/ocsp/" + URLEncoder.encode(base64, StandardCharsets.US_ASCII);

    await().atMost(WAIT).pollInterval(500, TimeUnit.MILLISECONDS).untilAsserted(() -> {
      Response response = given().urlEncodingEnabled(false).get(path);
      response.then().statusCode(200).contentType("application/ocsp-response");
      OCSPResp ocsp = new OCSPResp(response.asByteArray());
      assertThat(ocsp.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
      BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
      assertThat(basic.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
      long untilNext = Duration.between(Instant.now(), basic.getResponses()[0].getNextUpdate().toInstant()).toSeconds();
      String cache = response.header("Cache-Control");
      assertThat(cache).contains("max-age=", "public");
      assertThat(Long.parseLong(cache.replaceAll(".*max-age=(\\d+).*", "$1"))).isBetween(untilNext - 5, untilNext + 1).isPositive();
    });
  }

  @Test
  void bytesThatAreNoOcspRequestGetProblemJson() {
    given().contentType("application/ocsp-request").body("not an OCSP request".getBytes(StandardCharsets.US_ASCII)).post("/ocsp")
        .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    given().urlEncodingEnabled(false).get("/ocsp/%21%21not-base64%21%21")
        .then().statusCode(400).contentType("application/problem+json");
    given().contentType("application/ocsp-request").body(new byte[64 * 1024 + 1]).post("/ocsp")
        .then().statusCode(413).contentType("application/problem+json");
    given().contentType("application/json").body("{}").post("/ocsp")
        .then().statusCode(415).contentType("application/problem+json");
  }

  private TestLeaf givenACaWithALeaf() {
    TestCa ca = TestCa.rsa();
    TestLeaf leaf = TestLeaf.issue(ca);
    probe.publish(ca.created());
    probe.publish(ca.keyStored());
    probe.publish(leaf.issued());
    return leaf;
  }

  /** openssl ocsp over HTTP POST, as a TLS client checking revocation would ask. */
  private String opensslAsk() throws Exception {
    return Openssl.ok(dir, "ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-url", ocspUrl.toString(), "-CAfile", "ca.pem",
        "-resp_text");
  }

  private static byte[] request(TestLeaf leaf) throws Exception {
    CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
        new JcaX509CertificateHolder(leaf.ca().certificate()), leaf.serial().toBigInteger());
    byte[] nonce = new BigInteger(128, RANDOM).toByteArray();
    return new OCSPReqBuilder().addRequest(id)
        .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))))
        .build().getEncoded();
  }
}
