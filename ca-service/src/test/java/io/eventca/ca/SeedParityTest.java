package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The create_ca.sh / create_cert.sh / convert_priv_key.sh features through the API, against a real broker and
 * PostgreSQL; the issuer-worker's part is played by FakeIssuer. Outputs are opened with openssl and keytool.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SeedParityTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String PASSPHRASE = "correct horse battery staple";
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

  private String activeCa(Map<String, Object> body) {
    String caId = asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/cas").then().statusCode(202).extract().path("caId");
    CaCreationRequested requested = probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
    probe.publish(issuer.created(requested));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));
    return caId;
  }

  /** Answers the next request for caId as the worker would, and returns the issued event. */
  private CertificateIssued issueNext(String caId, String requestId) {
    return issueNext(caId, requestId, "Fake");
  }

  /** caCommonName must be the CA's CN where tools rebuild the chain by issuer name (keytool). */
  private CertificateIssued issueNext(String caId, String requestId, String caCommonName) {
    CertificateRequested r =
        probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.requestId().value().equals(requestId), TIMEOUT);
    CertificateIssued issued = issuer.issued(r, caCommonName);
    probe.publish(issued);
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/requests/" + requestId).then().body("status", equalTo("ISSUED")));
    return issued;
  }

  @Test
  void givenARoot_whenAnIntermediateIsCreatedUnderIt_thenTheEventNamesTheParent_andTheChainRunsLeafToRoot() {
    String root = activeCa(Map.of("commonName", "Parity Root", "validityDays", 3650));
    String intermediate = activeCa(Map.of("commonName", "Parity Issuing", "parentCaId", root, "pathLength", 0, "validityDays", 365));

    CaCreationRequested requested =
        probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(intermediate), TIMEOUT);
    assertThat(requested.parentCaId().value()).isEqualTo(root);
    assertThat(requested.pathLength()).isZero();
    asAdmin().get("/api/v1/cas/" + intermediate).then().body("parentCaId", equalTo(root)).body("pathLength", equalTo(0));

    String rootPem = asAdmin().get("/api/v1/cas/" + root + "/certificate").then().extract().asString();
    String intermediatePem = asAdmin().get("/api/v1/cas/" + intermediate + "/certificate").then().extract().asString();
    asAdmin().get("/api/v1/cas/" + intermediate + "/chain").then().statusCode(200)
        .header("Content-Disposition", containsString("ca_chain.pem"))
        .body(equalTo(intermediatePem + rootPem));

    // The intermediate is in its parent's history and is revoked through its parent (so it lands on the parent's CRL).
    String serial = asAdmin().get("/api/v1/cas/" + intermediate).then().extract().path("serialNumber");
    asAdmin().get("/api/v1/cas/" + root + "/certificates/" + serial).then().statusCode(200).body("profile", equalTo("ca"));
    asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "cACompromise"))
        .post("/api/v1/cas/" + root + "/certificates/" + serial + "/revocation").then().statusCode(202);
    io.eventca.events.cert.CertificateRevoked revoked = probe.await(Topic.REVOCATIONS, io.eventca.events.cert.CertificateRevoked.class,
        e -> e.caId().value().equals(root) && e.serialNumber().hex().equals(serial), TIMEOUT);
    assertThat(revoked.reason().name()).isEqualTo("cACompromise");

    // A CA with path length 0 may have no CA below it; the intermediate cannot outlive its parent.
    asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", "Too deep", "parentCaId", intermediate))
        .post("/api/v1/cas").then().statusCode(400).contentType("application/problem+json").body("field", equalTo("parentCaId"));
    asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", "Too long", "parentCaId", root, "validityDays", 4000))
        .post("/api/v1/cas").then().statusCode(400).body("field", equalTo("validityDays"))
        .body("detail", containsString("never outlives its issuer"));
  }

  @Test
  void sha1IsRefusedWithoutOptIn_andAnOptInIsRecordedInTheEventAndHistory() {
    asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", "Old CA", "digest", "sha1"))
        .post("/api/v1/cas").then().statusCode(400).body("field", equalTo("digest")).body("rule", containsString("sha1OptIn"));
    String caId = activeCa(Map.of("commonName", "Legacy CA", "digest", "sha1", "sha1OptIn", true));

    CaCreationRequested requested = probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
    assertThat(requested.digest()).isEqualTo("sha1");
    assertThat(requested.sha1Accepted()).isTrue();
    asAdmin().get("/api/v1/cas/" + caId).then().body("digest", equalTo("sha1")).body("sha1OptIn", equalTo(true));
  }

  @Test
  void createCertParametersTravelInTheRequest_andDownloadsAreNamedAsTheScriptsName() {
    String caId = activeCa(Map.of("commonName", "Host CA"));
    Map<String, Object> body = new HashMap<>();
    body.put("csr", Csrs.csrPem(Csrs.ecP256(), "CN=ignored"));
    body.put("profile", "server");
    body.put("host", "myHOST.domain1.domain2.com");
    body.put("commonName", "myWorkstation");
    body.put("organization", "Example");
    body.put("country", "us");
    body.put("subjectAltNames", List.of("alias.domain1.domain2.com", "10.0.0.7", "10.0.0.7"));
    body.put("digest", "sha384");
    String requestId = asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/cas/" + caId + "/certificates")
        .then().statusCode(202).extract().path("requestId");

    CertificateRequested r = probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.requestId().value().equals(requestId), TIMEOUT);
    assertThat(r.host()).isEqualTo("myhost.domain1.domain2.com");
    assertThat(r.subject().commonName()).isEqualTo("myWorkstation");
    assertThat(r.subject().country()).isEqualTo("US");
    assertThat(r.subjectAltNames()).containsExactly("alias.domain1.domain2.com", "10.0.0.7");
    assertThat(r.digest()).isEqualTo("sha384");
    assertThat(r.validityDays()).isEqualTo(100);

    CertificateIssued issued = issueNext(caId, requestId);
    String serial = issued.serialNumber().hex();
    asAdmin().get("/api/v1/cas/" + caId + "/certificates/" + serial + "/certificate").then().statusCode(200)
        .header("Content-Disposition", "attachment; filename=\"" + serial + "_myhost_cert.pem\"");
    asAdmin().get("/api/v1/cas/" + caId + "/certificates/" + serial).then().body("host", equalTo("myhost.domain1.domain2.com"))
        .body("digest", equalTo("sha384"));
  }

  @Test
  void givenAPassphrase_eventcaGeneratesTheKey_andHandsItOutOnlyEncrypted_inEveryConvertPrivKeyFormat() throws Exception {
    String caId = activeCa(Map.of("commonName", "Keygen CA"));
    Map<String, Object> body = Map.of("profile", "server", "host", "keyhost.example.internal", "commonName", "keyhost.example.internal",
        "passphrase", PASSPHRASE);
    String requestId = asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/cas/" + caId + "/certificates")
        .then().statusCode(202).extract().path("requestId");

    CertificateRequested r = probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.requestId().value().equals(requestId), TIMEOUT);
    try (PEMParser parser = new PEMParser(new StringReader(r.csrPem()))) {
      PKCS10CertificationRequest csr = (PKCS10CertificationRequest) parser.readObject();
      assertThat(csr.getSubject().toString()).isEqualTo("CN=keyhost.example.internal");
    }
    String serial = issueNext(caId, requestId, "Keygen CA").serialNumber().hex();
    String keyUrl = "/api/v1/cas/" + caId + "/certificates/" + serial + "/private-key";
    Path dir = Files.createTempDirectory("keys");

    byte[] pkcs8 = asAdmin().contentType(ContentType.JSON).body(Map.of("passphrase", PASSPHRASE)).post(keyUrl).then().statusCode(200)
        .header("Content-Disposition", "attachment; filename=\"" + serial + "_keyhost_priv_key.pem\"")
        .header("Cache-Control", "no-store").extract().asByteArray();
    assertThat(new String(pkcs8, StandardCharsets.US_ASCII)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    run(dir, "openssl", "pkey", "-in", write(dir, "k8.pem", pkcs8), "-passin", "pass:" + PASSPHRASE, "-noout");

    byte[] rsa = asAdmin().contentType(ContentType.JSON).body(Map.of("passphrase", PASSPHRASE, "format", "rsa")).post(keyUrl)
        .then().statusCode(200).extract().asByteArray();
    assertThat(new String(rsa, StandardCharsets.US_ASCII)).contains("BEGIN RSA PRIVATE KEY", "ENCRYPTED");
    run(dir, "openssl", "pkey", "-in", write(dir, "krsa.pem", rsa), "-passin", "pass:" + PASSPHRASE, "-noout");

    byte[] pfx = asAdmin().contentType(ContentType.JSON).body(Map.of("passphrase", PASSPHRASE, "format", "pfx")).post(keyUrl)
        .then().statusCode(200).header("Content-Disposition", "attachment; filename=\"" + serial + "_keyhost_cert.pfx\"")
        .extract().asByteArray();
    String pfxFile = write(dir, "k.pfx", pfx);
    String info = run(dir, "openssl", "pkcs12", "-in", pfxFile, "-passin", "pass:" + PASSPHRASE, "-info", "-noout");
    assertThat(info).contains("AES-256-CBC").doesNotContain("RC2");
    String keytool = run(dir, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-list", "-v",
        "-storetype", "PKCS12", "-keystore", pfxFile, "-storepass", PASSPHRASE);
    assertThat(keytool).contains("PrivateKeyEntry", "Certificate chain length: 2");

    byte[] plain = asAdmin().contentType(ContentType.JSON).body(Map.of("passphrase", PASSPHRASE, "encrypt", false)).post(keyUrl)
        .then().statusCode(200).extract().asByteArray();
    assertThat(new String(plain, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----");

    asAdmin().contentType(ContentType.JSON).body(Map.of("passphrase", "not the passphrase")).post(keyUrl)
        .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("passphrase"));
    asAdmin().contentType(ContentType.JSON).body(Map.of("passphrase", PASSPHRASE, "format", "pfx", "encrypt", false)).post(keyUrl)
        .then().statusCode(400).body("field", equalTo("encrypt"));
    asAdmin().contentType(ContentType.JSON).body(Map.of("passphrase", PASSPHRASE, "format", "der")).post(keyUrl)
        .then().statusCode(400).body("field", equalTo("format"));

    // Nothing readable went to the log: every request event carries a CSR, never a key or the passphrase.
    List<CertificateRequested> all = probe.awaitAll(Topic.REQUESTS, CertificateRequested.class, e -> true, 1, TIMEOUT);
    assertThat(all).allSatisfy(e -> assertThat(e.toString()).doesNotContain("PRIVATE KEY").doesNotContain(PASSPHRASE));
  }

  @Test
  void aCertificateForAKeyTheCallerKeepsHasNoKeyToDownload() {
    String caId = activeCa(Map.of("commonName", "CSR CA"));
    String requestId = asAdmin().contentType(ContentType.JSON).body(Map.of("csr", Csrs.csrPem(Csrs.ecP256(), "CN=own.example"),
        "profile", "client")).post("/api/v1/cas/" + caId + "/certificates").then().statusCode(202).extract().path("requestId");
    String serial = issueNext(caId, requestId).serialNumber().hex();
    asAdmin().contentType(ContentType.JSON).body(Map.of("passphrase", PASSPHRASE))
        .post("/api/v1/cas/" + caId + "/certificates/" + serial + "/private-key").then().statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void profilesAreDataOperatorsCanRead() {
    asAdmin().get("/api/v1/profiles").then().statusCode(200)
        .body("name", hasItems("server", "client"))
        .body("find { it.name == 'server' }.extendedKeyUsages", equalTo(List.of("serverAuth", "clientAuth", "emailProtection")))
        .body("find { it.name == 'client' }.extendedKeyUsages", equalTo(List.of("clientAuth", "emailProtection")));
    asAdmin().get("/api/v1/profiles/server").then().statusCode(200).body("keyUsageByKeyType.EC", equalTo(List.of("digitalSignature")));
    asAdmin().get("/api/v1/profiles/nope").then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void badCertificateRequestsNameTheFieldAndTheRule() {
    String caId = activeCa(Map.of("commonName", "Strict CA", "validityDays", 30));
    String csr = Csrs.csrPem(Csrs.ecP256(), "CN=ok.example");
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {Map.of("profile", "server"), "csr"});
    cases.add(new Object[] {Map.of("csr", csr, "passphrase", PASSPHRASE, "profile", "server"), "csr"});
    cases.add(new Object[] {Map.of("csr", csr, "profile", "admin"), "profile"});
    cases.add(new Object[] {Map.of("csr", csr, "profile", "server", "validityDays", 31), "validityDays"});
    cases.add(new Object[] {Map.of("csr", csr, "profile", "server", "host", "bad_host!"), "host"});
    cases.add(new Object[] {Map.of("csr", csr, "profile", "server", "subjectAltNames", List.of("ok.example", "not a name")), "subjectAltNames"});
    cases.add(new Object[] {Map.of("csr", csr, "profile", "server", "subjectAltNames", java.util.Collections.nCopies(101, "a.example")), "subjectAltNames"});
    cases.add(new Object[] {Map.of("csr", csr, "profile", "server", "digest", "sha1"), "digest"});
    cases.add(new Object[] {Map.of("csr", csr, "profile", "server", "organization", "Example"), "commonName"});
    cases.add(new Object[] {Map.of("csr", csr, "profile", "server", "keySize", 4096), "keySize"});
    cases.add(new Object[] {Map.of("passphrase", PASSPHRASE, "profile", "server", "commonName", "x"), "host"});
    cases.add(new Object[] {Map.of("passphrase", PASSPHRASE, "profile", "server", "host", "h.example"), "commonName"});
    cases.add(new Object[] {Map.of("passphrase", "short", "profile", "server", "host", "h.example", "commonName", "h"), "passphrase"});
    cases.add(new Object[] {Map.of("passphrase", PASSPHRASE, "profile", "server", "host", "h.example", "commonName", "h", "keySize", 1024), "keySize"});
    cases.add(new Object[] {Map.of("passphrase", PASSPHRASE, "profile", "server", "host", "h.example", "commonName", "h", "keyAlgorithm", "DSA"), "keyAlgorithm"});
    for (Object[] c : cases) {
      asAdmin().contentType(ContentType.JSON).body(c[0]).post("/api/v1/cas/" + caId + "/certificates").then()
          .statusCode(400).contentType("application/problem+json").body("field", equalTo(c[1]));
    }
  }

  private static String write(Path dir, String name, byte[] content) throws Exception {
    return Files.write(dir.resolve(name), content).toString();
  }

  private static String run(Path dir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }
}
