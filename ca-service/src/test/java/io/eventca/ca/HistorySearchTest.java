package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eventca.events.RevocationReason;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.cert.Channel;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The issuance history searched (issue 14), against a real broker and PostgreSQL: given certificates issued as facts
 * on the log, when an operator asks a question, then the answer holds exactly the certificates it should. Each test
 * works under a CA of its own, so the others' certificates never count.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class HistorySearchTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final KeyPair EC = Csrs.ecP256();
  private static final KeyPair RSA = Csrs.rsa(2048);
  private static EventProbe probe;
  private final FakeIssuer issuer = new FakeIssuer();
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeAll
  static void probe() {
    probe = new EventProbe(KafkaBroker.bootstrapServers());
  }

  @AfterAll
  static void close() {
    probe.close();
  }

  private String createActiveCa(String commonName, String parentCaId) {
    // A root that may sign one level of intermediates, each shorter-lived than its parent.
    Map<String, Object> body = parentCaId == null ? Map.of("commonName", commonName, "pathLength", 1)
        : Map.of("commonName", commonName, "parentCaId", parentCaId, "validityDays", 30);
    String caId = asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/cas").then().log().ifValidationFails()
        .statusCode(202).extract().path("caId");
    CaCreationRequested requested = probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
    probe.publish(issuer.created(requested));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));
    return caId;
  }

  /** Issues as facts and waits until the history holds them all. */
  private List<CertificateIssued> given(String caId, CertificateIssued... facts) {
    for (CertificateIssued fact : facts) {
      probe.publish(fact);
    }
    for (CertificateIssued fact : facts) {
      await().atMost(TIMEOUT).untilAsserted(() ->
          asAdmin().get("/api/v1/cas/" + caId + "/certificates/" + fact.serialNumber().hex()).then().statusCode(200));
    }
    return List.of(facts);
  }

  private CertificateIssued server(String caId, String cn, List<GeneralName> names, KeyPair key, Duration life, String requester,
      Channel channel) {
    return issuer.issuedDirectly(new io.eventca.events.ids.CaId(caId), "History CA", "CN=" + cn + ",O=History", names, key, "server",
        now.minus(Duration.ofMinutes(1)), now.plus(life), requester, channel);
  }

  private static GeneralName dns(String name) {
    return new GeneralName(GeneralName.dNSName, name);
  }

  private static GeneralName ip(String address) {
    return new GeneralName(GeneralName.iPAddress, address);
  }

  private static RequestSpecification search(String caId) {
    return asAdmin().queryParam("caId", caId);
  }

  private static List<String> serials(Response response) {
    response.then().statusCode(200);
    return response.jsonPath().getList("items.serialNumber");
  }

  private static List<String> serialsOf(CertificateIssued... facts) {
    return java.util.Arrays.stream(facts).map(f -> f.serialNumber().hex()).toList();
  }

  @Test
  void textFindsASubjectOrANameAnywhere_andSanFindsOneNameAsItWasIssued() {
    String caId = createActiveCa("Names CA", null);
    CertificateIssued db = server(caId, "db.internal", List.of(dns("db.internal"), dns("db-replica.internal")), EC, Duration.ofDays(30),
        "ops", Channel.rest);
    CertificateIssued web = server(caId, "web.example.test", List.of(dns("web.example.test"), ip("fd00:0:0:0:0:0:0:7")), EC,
        Duration.ofDays(30), "ops", Channel.rest);
    given(caId, db, web);

    assertThat(serials(search(caId).queryParam("q", "REPLICA").get("/api/v1/certificates"))).containsExactly(db.serialNumber().hex());
    assertThat(serials(search(caId).queryParam("q", "o=history").get("/api/v1/certificates")))
        .containsExactlyInAnyOrderElementsOf(serialsOf(db, web));
    assertThat(serials(search(caId).queryParam("san", "DB.Internal").get("/api/v1/certificates"))).containsExactly(db.serialNumber().hex());
    assertThat(serials(search(caId).queryParam("san", "fd00::7").get("/api/v1/certificates"))).containsExactly(web.serialNumber().hex());
    assertThat(serials(search(caId).queryParam("san", "db").get("/api/v1/certificates"))).as("a name, not a part of one").isEmpty();
    // A % or _ of the caller is a character, not a wildcard.
    assertThat(serials(search(caId).queryParam("q", "db_internal").get("/api/v1/certificates"))).isEmpty();
    Response one = search(caId).queryParam("san", "web.example.test").get("/api/v1/certificates");
    one.then().body("items[0].subjectAltNames", equalTo(List.of("DNS:web.example.test", "IP:fd00:0:0:0:0:0:0:7")))
        .body("items[0].keyAlgorithm", equalTo("EC")).body("items[0].keySize", equalTo(256))
        .body("items[0].requestedBy", equalTo("ops")).body("items[0].channel", equalTo("rest"));
  }

  @Test
  void aSerialIsFoundAsPeoplePasteIt_exactOrByItsFirstDigits() {
    String caId = createActiveCa("Serial CA", null);
    CertificateIssued one = server(caId, "a.serial.test", List.of(dns("a.serial.test")), EC, Duration.ofDays(30), "ops", Channel.rest);
    given(caId, one);
    String hex = one.serialNumber().hex();
    String pasted = ("00" + hex).toUpperCase().replaceAll("(..)(?!$)", "$1:");

    assertThat(serials(search(caId).queryParam("serial", pasted).get("/api/v1/certificates"))).containsExactly(hex);
    assertThat(serials(search(caId).queryParam("serial", hex.substring(0, 6).toUpperCase() + "*").get("/api/v1/certificates")))
        .containsExactly(hex);
    assertThat(serials(search(caId).queryParam("serial", hex + "0").get("/api/v1/certificates"))).isEmpty();
  }

  @Test
  void whatExpiresSoon_whatIsRevokedAndWhy_andByWhichKey() {
    String caId = createActiveCa("Lifetimes CA", null);
    CertificateIssued soon = server(caId, "soon.test", List.of(dns("soon.test")), EC, Duration.ofDays(10), "ops", Channel.rest);
    CertificateIssued later = server(caId, "later.test", List.of(dns("later.test")), RSA, Duration.ofDays(90), "ops", Channel.rest);
    CertificateIssued gone = server(caId, "gone.test", List.of(dns("gone.test")), EC, Duration.ofDays(12), "ops", Channel.rest);
    given(caId, soon, later, gone);
    Instant revokedAt = now.minus(Duration.ofHours(1));
    probe.publish(new CertificateRevoked(gone.caId(), gone.serialNumber(), RevocationReason.keyCompromise, revokedAt, null, "operator-1"));
    await().atMost(TIMEOUT).untilAsserted(() -> search(caId).queryParam("status", "REVOKED").get("/api/v1/certificates")
        .then().body("count", equalTo(1)));

    assertThat(serials(search(caId).queryParam("expiringWithinDays", "14").get("/api/v1/certificates")))
        .containsExactlyInAnyOrderElementsOf(serialsOf(soon, gone));
    assertThat(serials(search(caId).queryParam("expiringWithinDays", "14").queryParam("status", "VALID").get("/api/v1/certificates")))
        .containsExactly(soon.serialNumber().hex());
    assertThat(serials(search(caId).queryParam("expiresAfter", now.plus(Duration.ofDays(30)).toString()).get("/api/v1/certificates")))
        .containsExactly(later.serialNumber().hex());
    assertThat(serials(search(caId).queryParam("reason", "KEYCOMPROMISE").queryParam("revokedAfter", revokedAt.minusSeconds(1).toString())
        .queryParam("revokedBefore", revokedAt.plusSeconds(1).toString()).get("/api/v1/certificates"))).containsExactly(gone.serialNumber().hex());
    assertThat(serials(search(caId).queryParam("reason", "superseded").get("/api/v1/certificates"))).isEmpty();
    assertThat(serials(search(caId).queryParam("keyAlgorithm", "rsa").queryParam("keySize", "2048").get("/api/v1/certificates")))
        .containsExactly(later.serialNumber().hex());
    assertThat(serials(search(caId).queryParam("status", "VALID").queryParam("status", "REVOKED").get("/api/v1/certificates")))
        .as("a repeated filter means any of its values").containsExactlyInAnyOrderElementsOf(serialsOf(soon, later, gone));
  }

  @Test
  void whatOneRequesterGotInATimeWindow_overWhichChannel() {
    String caId = createActiveCa("Requesters CA", null);
    CertificateIssued before = server(caId, "before.test", List.of(dns("before.test")), EC, Duration.ofDays(30), "svc-7", Channel.fleet);
    given(caId, before);
    Instant windowStart = Instant.now();
    CertificateIssued inside = server(caId, "inside.test", List.of(dns("inside.test")), EC, Duration.ofDays(30), "svc-7", Channel.fleet);
    CertificateIssued other = server(caId, "other.test", List.of(dns("other.test")), EC, Duration.ofDays(30), "svc-8", Channel.fleet);
    CertificateIssued rest = server(caId, "rest.test", List.of(dns("rest.test")), EC, Duration.ofDays(30), "svc-7", Channel.rest);
    given(caId, inside, other, rest);

    assertThat(serials(search(caId).queryParam("requester", "svc-7").queryParam("issuedAfter", windowStart.toString())
        .get("/api/v1/certificates"))).containsExactlyInAnyOrderElementsOf(serialsOf(inside, rest));
    assertThat(serials(search(caId).queryParam("requester", "svc-7").queryParam("channel", "FLEET").get("/api/v1/certificates")))
        .containsExactlyInAnyOrderElementsOf(serialsOf(before, inside));
    assertThat(serials(search(caId).queryParam("issuedBefore", windowStart.toString()).get("/api/v1/certificates")))
        .containsExactly(before.serialNumber().hex());
  }

  @Test
  void asOfAnswersWhatTheHistoryHeldThen() {
    String caId = createActiveCa("As-of CA", null);
    CertificateIssued early = server(caId, "early.test", List.of(dns("early.test")), EC, Duration.ofDays(30), "ops", Channel.rest);
    given(caId, early);
    Instant between = Instant.now();
    CertificateIssued late = server(caId, "late.test", List.of(dns("late.test")), EC, Duration.ofDays(30), "ops", Channel.rest);
    given(caId, late);
    Instant revokedAt = Instant.now().plusMillis(10);
    probe.publish(new CertificateRevoked(early.caId(), early.serialNumber(), RevocationReason.superseded, revokedAt, null, "operator-1"));
    await().atMost(TIMEOUT).untilAsserted(() -> search(caId).queryParam("status", "REVOKED").get("/api/v1/certificates")
        .then().body("count", equalTo(1)));

    Response then = search(caId).queryParam("asOf", between.toString()).get("/api/v1/certificates");
    assertThat(serials(then)).as("only what was issued by then").containsExactly(early.serialNumber().hex());
    then.then().body("items[0].status", equalTo("VALID")).body("items[0].revokedAt", equalTo(null)).body("asOf", equalTo(between.toString()));
    assertThat(serials(search(caId).queryParam("asOf", between.toString()).queryParam("status", "REVOKED").get("/api/v1/certificates")))
        .isEmpty();
    assertThat(serials(search(caId).queryParam("status", "REVOKED").get("/api/v1/certificates"))).containsExactly(early.serialNumber().hex());
  }

  @Test
  void aCaAndEveryCaBelowIt() {
    String root = createActiveCa("Tree root", null);
    String child = createActiveCa("Tree child", root);
    CertificateIssued leaf = issuer.issuedDirectly(new io.eventca.events.ids.CaId(child), "Tree child", "CN=leaf.tree.test",
        List.of(dns("leaf.tree.test")), EC, "server", now.minusSeconds(60), now.plus(Duration.ofDays(5)), "ops", Channel.rest);
    given(child, leaf);

    List<String> underRoot = serials(search(root).get("/api/v1/certificates"));
    assertThat(underRoot).as("the root issued the child's certificate only").hasSize(1).doesNotContain(leaf.serialNumber().hex());
    assertThat(serials(search(root).queryParam("includeSubordinates", "true").get("/api/v1/certificates")))
        .hasSize(2).contains(leaf.serialNumber().hex());
    assertThat(serials(search(root).queryParam("includeSubordinates", "true").queryParam("profile", "ca").get("/api/v1/certificates")))
        .isEqualTo(underRoot);
  }

  @Test
  void pagesByCursorNeitherRepeatNorSkip_whileNewCertificatesArrive() {
    String caId = createActiveCa("Pages CA", null);
    List<CertificateIssued> first = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      first.add(server(caId, "p" + i + ".test", List.of(dns("p" + i + ".test")), EC, Duration.ofDays(10 + i), "ops", Channel.rest));
    }
    given(caId, first.toArray(CertificateIssued[]::new));

    for (String sort : List.of("-issued", "issued", "notAfter", "-notAfter", "subject", "-subject")) {
      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        RequestSpecification page = search(caId).queryParam("sort", sort).queryParam("limit", "2").queryParam("withTotal", "true");
        Response response = (cursor == null ? page : page.queryParam("cursor", cursor)).get("/api/v1/certificates");
        seen.addAll(serials(response));
        if (pages++ == 0) {
          response.then().body("total", equalTo(sort.equals("-issued") ? 5 : 6));
          if (sort.equals("-issued")) {
            // Recorded after the first page: it changes none of the pages that follow (it sorts before the cursor).
            given(caId, server(caId, "new.test", List.of(dns("new.test")), EC, Duration.ofDays(1), "ops", Channel.rest));
          }
        }
        cursor = response.jsonPath().getString("next");
      } while (cursor != null);
      assertThat(seen).as(sort).doesNotHaveDuplicates();
      assertThat(seen).as(sort).containsAll(serialsOf(first.toArray(CertificateIssued[]::new)));
      if (sort.equals("-issued")) {
        assertThat(seen).as("the newcomer sorts before the first page's cursor").hasSize(5);
      } else {
        assertThat(seen).hasSize(6);
      }
    }
    List<String> byNotAfter = serials(search(caId).queryParam("sort", "notAfter").get("/api/v1/certificates"));
    assertThat(byNotAfter.get(0)).as("the newcomer expires first").isNotIn(serialsOf(first.toArray(CertificateIssued[]::new)));
    assertThat(byNotAfter.subList(1, 6)).containsExactlyElementsOf(serialsOf(first.toArray(CertificateIssued[]::new)));
  }

  @Test
  void aRequesterSeesOnlyWhatItAskedForOverRest_notAFleetRequesterOfItsName() {
    String caId = createActiveCa("Visibility CA", null);
    CertificateIssued fleet = server(caId, "fleet.test", List.of(dns("fleet.test")), EC, Duration.ofDays(30), "alice", Channel.fleet);
    given(caId, fleet);

    RequestSpecification alice = TestTokens.as("alice", "requester");
    assertThat(serials(alice.queryParam("caId", caId).get("/api/v1/certificates"))).isEmpty();
    assertThat(serials(search(caId).get("/api/v1/certificates"))).containsExactly(fleet.serialNumber().hex());
    // One ownership rule everywhere: nor can she read, download or revoke it one by one.
    String self = "/api/v1/cas/" + caId + "/certificates/" + fleet.serialNumber().hex();
    TestTokens.as("alice", "requester").get(self).then().statusCode(404);
    TestTokens.as("alice", "requester").get(self + "/certificate").then().statusCode(404);
    TestTokens.as("alice", "requester").get(self + "/history").then().statusCode(404);
    TestTokens.as("alice", "requester").contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise")).post(self + "/revocation")
        .then().statusCode(404);
    asAdmin().get(self).then().statusCode(200).body("status", equalTo("VALID"));
    // An empty filter is no filter, as the first search read it.
    assertThat(serials(search(caId).queryParam("status", "").queryParam("q", "").get("/api/v1/certificates")))
        .containsExactly(fleet.serialNumber().hex());
  }

  @Test
  void thePageFollowsItsPublishedSchema() throws Exception {
    String caId = createActiveCa("Schema CA", null);
    CertificateIssued one = server(caId, "schema.test", List.of(dns("schema.test"), ip("10.0.0.9")), RSA, Duration.ofDays(3), "ops",
        Channel.fleet);
    given(caId, one);
    probe.publish(new CertificateRevoked(one.caId(), one.serialNumber(), RevocationReason.superseded, now, null, "operator-1"));
    await().atMost(TIMEOUT).untilAsserted(() -> search(caId).queryParam("status", "REVOKED").get("/api/v1/certificates")
        .then().body("count", equalTo(1)));
    com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry.withDefaultDialect(
            com.networknt.schema.SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
        .getSchema(java.nio.file.Files.newInputStream(java.nio.file.Path.of("../docs/schemas/certificate-page.schema.json")));

    for (Response page : List.of(search(caId).queryParam("withTotal", "true").queryParam("asOf", Instant.now().toString())
        .get("/api/v1/certificates"), search(caId).queryParam("limit", "1").get("/api/v1/certificates"))) {
      assertThat(schema.validate(page.asString(), com.networknt.schema.InputFormat.JSON)).as(page.asString()).isEmpty();
    }
    assertThat(schema.validate("{\"items\": [], \"next\": null, \"count\": 0, \"limit\": 1, \"extra\": 1}",
        com.networknt.schema.InputFormat.JSON)).as("the schema can fail").isNotEmpty();
    // Every channel the events know is one the schema allows.
    String schemaText = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/schemas/certificate-page.schema.json"));
    for (Channel channel : Channel.values()) {
      assertThat(schemaText).contains("\"" + channel.name() + "\"");
    }
  }

  @Test
  void refusedRequestsAreHistoryToo_withCodeDetailRequesterAndTime() {
    String caId = createActiveCa("Refusals CA", null);
    io.eventca.events.ids.CaId ca = new io.eventca.events.ids.CaId(caId);
    Instant before = Instant.now();
    List<io.eventca.events.cert.CertificateRejected> refused = List.of(
        new io.eventca.events.cert.CertificateRejected(ca, io.eventca.events.ids.RequestId.random(), "policy-name-not-allowed",
            "DNS:evil.test is not in allowedNames", null, "svc-7", Channel.fleet),
        new io.eventca.events.cert.CertificateRejected(ca, io.eventca.events.ids.RequestId.random(), "weak-key",
            "RSA 1024 is too short", null, "svc-7", Channel.fleet),
        new io.eventca.events.cert.CertificateRejected(ca, io.eventca.events.ids.RequestId.random(), "weak-key",
            "RSA 1024 is too short", null, "svc-8", Channel.fleet));
    refused.forEach(probe::publish);
    CertificateIssued issued = server(caId, "fine.test", List.of(dns("fine.test")), EC, Duration.ofDays(30), "svc-7", Channel.fleet);
    given(caId, issued);
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().queryParam("caId", caId).queryParam("status", "REJECTED")
        .get("/api/v1/requests").then().statusCode(200).body("count", equalTo(3)));

    Response svc7 = asAdmin().queryParam("caId", caId).queryParam("status", "rejected").queryParam("requester", "svc-7")
        .queryParam("decidedAfter", before.toString()).get("/api/v1/requests");
    svc7.then().statusCode(200).body("count", equalTo(2)).body("items[0].rejectionCode", equalTo("weak-key"))
        .body("items[0].channel", equalTo("fleet")).body("items[0].requestedBy", equalTo("svc-7"))
        .body("items[1].rejectionDetail", equalTo("DNS:evil.test is not in allowedNames"));
    assertThat(Instant.parse(svc7.path("items[0].decidedAt"))).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
    asAdmin().queryParam("caId", caId).queryParam("code", "weak-key").get("/api/v1/requests").then().body("count", equalTo(2));
    asAdmin().queryParam("caId", caId).queryParam("status", "ISSUED").get("/api/v1/requests").then()
        .body("items.serialNumber", equalTo(List.of(issued.serialNumber().hex())));

    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      RequestSpecification page = asAdmin().queryParam("caId", caId).queryParam("limit", "1").queryParam("sort", "requested");
      Response response = (cursor == null ? page : page.queryParam("cursor", cursor)).get("/api/v1/requests");
      paged.addAll(response.then().statusCode(200).extract().jsonPath().getList("items.requestId"));
      cursor = response.jsonPath().getString("next");
    } while (cursor != null);
    assertThat(paged).hasSize(4).doesNotHaveDuplicates();
    assertThat(paged.subList(0, 3)).containsExactlyElementsOf(refused.stream().map(r -> "svc-" + (r.requestedBy().endsWith("7") ? "7" : "8")
        + "/" + r.requestId().value()).toList());
    asAdmin().queryParam("code", "no-such-code").get("/api/v1/requests").then().statusCode(400).body("parameter", equalTo("code"));
    asAdmin().queryParam("serial", "4f").get("/api/v1/requests").then().statusCode(400).body("parameter", equalTo("serial"));
  }

  @Test
  void aSearchExportsAsJsonLinesAndCsv_everyMatchNotAPage() {
    String caId = createActiveCa("Export CA", null);
    List<CertificateIssued> facts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      facts.add(server(caId, "e" + i + ".export.test", List.of(dns("e" + i + ".export.test")), EC, Duration.ofDays(30), "ops",
          Channel.rest));
    }
    given(caId, facts.toArray(CertificateIssued[]::new));

    String ndjson = search(caId).queryParam("limit", "2").header("Accept", "application/x-ndjson").get("/api/v1/certificates").then()
        .statusCode(200).contentType("application/x-ndjson").extract().asString();
    assertThat(ndjson.lines()).as("limit bounds an export too").hasSize(2);
    String all = search(caId).queryParam("format", "ndjson").get("/api/v1/certificates").then().statusCode(200).extract().asString();
    assertThat(all.lines().map(line -> io.restassured.path.json.JsonPath.from(line).getString("serialNumber")).toList())
        .containsExactlyElementsOf(serialsOf(facts.get(2), facts.get(1), facts.get(0)));

    Response csv = search(caId).header("Accept", "text/csv").queryParam("sort", "issued").get("/api/v1/certificates");
    csv.then().statusCode(200).contentType("text/csv").header("Content-Disposition", "attachment; filename=\"certificates.csv\"");
    List<String> lines = List.of(csv.asString().split("\r\n"));
    assertThat(lines.get(0)).startsWith("caId,serialNumber,status,subject,subjectAltNames,profile");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).startsWith(caId + "," + facts.get(0).serialNumber().hex() + ",VALID,\"CN=e0.export.test,O=History\",DNS:e0.export.test,server,");
  }

  @Test
  void theIndexTxtExportIsAnOpensslCaDatabase_fromWhichOpensslCaMakesTheCrl() throws Exception {
    String caId = createActiveCa("Index CA", null);
    CertificateIssued kept = server(caId, "kept.index.test", List.of(dns("kept.index.test")), EC, Duration.ofDays(30), "ops", Channel.rest);
    CertificateIssued revoked = server(caId, "revoked.index.test", List.of(dns("revoked.index.test")), EC, Duration.ofDays(30), "ops",
        Channel.rest);
    given(caId, kept, revoked);
    probe.publish(new CertificateRevoked(revoked.caId(), revoked.serialNumber(), RevocationReason.keyCompromise, now, null, "operator-1"));
    await().atMost(TIMEOUT).untilAsserted(() -> search(caId).queryParam("status", "REVOKED").get("/api/v1/certificates")
        .then().body("count", equalTo(1)));

    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("index-txt");
    String index = search(caId).queryParam("format", "index.txt").get("/api/v1/certificates").then().statusCode(200)
        .header("Content-Disposition", "attachment; filename=\"index.txt\"").extract().asString();
    java.nio.file.Files.writeString(dir.resolve("index.txt"), index);
    java.nio.file.Files.writeString(dir.resolve("ca.pem"), asAdmin().get("/api/v1/cas/" + caId + "/certificate").asString());
    // The test CA's throw-away key (FakeIssuer's): openssl ca signs the CRL with it, as the scripts did with theirs.
    java.nio.file.Files.writeString(dir.resolve("ca.key"), "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(issuer.caKeys().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    // unique_subject = no: a history may hold several valid certificates of one subject (a renewal's overlap).
    java.nio.file.Files.writeString(dir.resolve("openssl.cnf"), String.join("\n", "[ ca ]", "default_ca = history",
        "[ history ]", "database = index.txt", "certificate = ca.pem", "private_key = ca.key", "default_md = sha256",
        "default_crl_days = 1", "unique_subject = no", ""));

    String crl = openssl(dir, "ca", "-gencrl", "-config", "openssl.cnf", "-out", "crl.pem");
    // One CA's database: without exactly one caId, or with the CAs below it, there is none to give.
    asAdmin().queryParam("format", "index.txt").get("/api/v1/certificates").then().statusCode(400).body("parameter", equalTo("caId"));
    search(caId).queryParam("format", "index.txt").queryParam("includeSubordinates", "true").get("/api/v1/certificates").then()
        .statusCode(400).body("parameter", equalTo("includeSubordinates"));
    search(caId).queryParam("format", "csv").queryParam("offset", "1").get("/api/v1/certificates").then().statusCode(400)
        .body("parameter", equalTo("offset"));
    String text = openssl(dir, "crl", "-in", "crl.pem", "-noout", "-text");

    assertThat(index.lines()).hasSize(2).anySatisfy(line -> assertThat(line).startsWith("V\t").endsWith("\t/CN=kept.index.test/O=History"))
        .anySatisfy(line -> assertThat(line).startsWith("R\t").contains(",keyCompromise\t"));
    assertThat(text).as(crl + text).contains("Serial Number: " + revoked.serialNumber().hex().toUpperCase())
        .doesNotContain("Serial Number: " + kept.serialNumber().hex().toUpperCase()).contains("Key Compromise");
  }

  private static String openssl(java.nio.file.Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + ":\n" + output).isZero();
    return output;
  }

  @Test
  void aCertificatesTimelineListsItsFactsInOrder_eachWhereTheLogHasIt() {
    String caId = createActiveCa("Timeline CA", null);
    // Asked for over REST and answered by the (fake) issuer: requested, then issued.
    String csr = Csrs.csrPem(EC, "CN=timeline.test");
    String requestId = asAdmin().contentType(ContentType.JSON).body(Map.of("csr", csr, "profile", "server", "host", "timeline.test"))
        .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(202).extract().path("requestId");
    io.eventca.events.cert.CertificateRequested requested = probe.await(Topic.REQUESTS, io.eventca.events.cert.CertificateRequested.class,
        e -> e.requestId().value().equals(requestId), TIMEOUT);
    CertificateIssued issued = issuer.issued(requested, "Timeline CA");
    given(caId, issued);
    probe.publish(new CertificateRevoked(issued.caId(), issued.serialNumber(), RevocationReason.cessationOfOperation, now, null,
        "operator-1"));
    String path = "/api/v1/cas/" + caId + "/certificates/" + issued.serialNumber().hex() + "/history";
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get(path).then().statusCode(200).body("size()", equalTo(3)));

    Response timeline = asAdmin().get(path);
    timeline.then().body("fact", equalTo(List.of("requested", "issued", "revoked")))
        .body("[0].says.requestedBy", equalTo(TestTokens.ADMIN)).body("[0].says.channel", equalTo("rest"))
        .body("[0].topic", equalTo(Topic.REQUESTS.topicName())).body("[1].topic", equalTo(Topic.ISSUANCE.topicName()))
        .body("[2].topic", equalTo(Topic.REVOCATIONS.topicName())).body("[2].says.reason", equalTo("cessationOfOperation"))
        .body("[2].says.revokedBy", equalTo("operator-1"));
    // Each entry names a record that is on the log, at that very place, holding that very fact.
    for (int i = 0; i < 3; i++) {
      String topic = timeline.path("[" + i + "].topic");
      int partition = timeline.path("[" + i + "].partition");
      long offset = ((Number) timeline.path("[" + i + "].offset")).longValue();
      String eventId = timeline.path("[" + i + "].eventId");
      var record = probe.records(topic).stream().filter(r -> r.partition() == partition && r.offset() == offset).findFirst().orElseThrow();
      assertThat(io.eventca.events.envelope.EventCodec.decode(record.headers(), record.value()).id()).isEqualTo(eventId);
    }

    CertificateIssued old = issuer.issuedDirectly(new io.eventca.events.ids.CaId(caId), "Timeline CA", "CN=old.test", List.of(dns("old.test")),
        EC, "server", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), "svc-7", Channel.fleet);
    given(caId, old);
    asAdmin().get("/api/v1/cas/" + caId + "/certificates/" + old.serialNumber().hex() + "/history").then().statusCode(200)
        .body("fact", equalTo(List.of("issued", "expired"))).body("[0].says.channel", equalTo("fleet"))
        .body("[1].topic", equalTo(null));
  }

  @Test
  void aParameterThatCannotBeReadIsA400NamingIt() {
    Map<String, String> bad = Map.ofEntries(
        Map.entry("subject", "CN=x"),
        Map.entry("status", "STOLEN"),
        Map.entry("serial", "xyz"),
        Map.entry("issuedAfter", "yesterday"),
        Map.entry("expiringWithinDays", "-1"),
        Map.entry("sort", "price"),
        Map.entry("cursor", "not-a-cursor"),
        Map.entry("limit", "0"),
        Map.entry("keyAlgorithm", "DSA"),
        Map.entry("reason", "boredom"),
        Map.entry("caId", "not-a-uuid"),
        Map.entry("channel", "carrier-pigeon"),
        Map.entry("profile", "nonsense"),
        Map.entry("includeSubordinates", "yes"),
        Map.entry("asOf", "+300000-01-01T00:00:00Z"),
        Map.entry("revokedBefore", "-5000-01-01T00:00:00Z"),
        Map.entry("q", "evil\u0000text"),
        Map.entry("requester", "a\u001b[31mb"));
    bad.forEach((parameter, value) -> asAdmin().queryParam(parameter, value).get("/api/v1/certificates").then()
        .statusCode(400).contentType("application/problem+json").body("parameter", equalTo(parameter)).body("field", equalTo(parameter)));
    asAdmin().queryParam("sort", "issued").queryParam("sort", "notAfter").get("/api/v1/certificates").then()
        .statusCode(400).body("parameter", equalTo("sort"));
    String cursor = asAdmin().queryParam("limit", "1").get("/api/v1/certificates").then().statusCode(200).extract().path("next");
    if (cursor != null) {
      asAdmin().queryParam("cursor", cursor).queryParam("sort", "notAfter").get("/api/v1/certificates").then()
          .statusCode(400).body("parameter", equalTo("cursor"));
    }
  }
}
