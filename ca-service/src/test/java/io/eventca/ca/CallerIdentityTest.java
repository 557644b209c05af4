package io.eventca.ca;

import static io.eventca.ca.TestTokens.as;
import static io.eventca.ca.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The verified principal is who the events name, and what a requester owns: it reads and revokes its own
 * certificates, and another requester cannot even see them.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CallerIdentityTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String ALICE = "svc-alice";
  private static final String BOB = "svc-bob";

  @Test
  void theRequesterIsNamedInItsRequestAndRevocation_andOnlyItAndTheStaffSeeItsCertificate() {
    FakeIssuer issuer = new FakeIssuer();
    try (EventProbe probe = new EventProbe(KafkaBroker.bootstrapServers())) {
      String caId = asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", "Identity CA")).post("/api/v1/cas")
          .then().statusCode(202).extract().path("caId");
      CaCreationRequested caRequested =
          probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
      assertThat(caRequested.requestedBy()).isEqualTo(TestTokens.ADMIN);
      probe.publish(issuer.created(caRequested));
      await().atMost(TIMEOUT).untilAsserted(() -> as(BOB, "requester").get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));

      String requestId = as(ALICE, "requester").contentType(ContentType.JSON)
          .body(Map.of("csr", Csrs.csrPem(Csrs.ecP256(), "CN=alice.example"), "profile", "client"))
          .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(202).extract().path("requestId");
      CertificateRequested requested =
          probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.requestId().value().equals(requestId), TIMEOUT);
      assertThat(requested.requestedBy()).as("the token's principal, not anything the body says").isEqualTo(ALICE);
      CertificateIssued issued = issuer.issued(requested, "Identity CA");
      probe.publish(issued);
      String serial = issued.serialNumber().hex();
      String certificate = "/api/v1/cas/" + caId + "/certificates/" + serial;
      await().atMost(TIMEOUT).untilAsserted(() -> as(ALICE, "requester").get(certificate).then().statusCode(200));

      // The owner and the staff see it; the other requester is told it does not exist, in every form.
      as(ALICE, "requester").get("/api/v1/requests/" + requestId).then().statusCode(200).body("serialNumber", equalTo(serial));
      as(ALICE, "requester").queryParam("caId", caId).get("/api/v1/certificates").then().body("count", equalTo(1))
          .body("items[0].serialNumber", equalTo(serial));
      as(TestTokens.OPERATOR, "operator").get(certificate).then().statusCode(200);
      as(TestTokens.OPERATOR, "operator").queryParam("caId", caId).get("/api/v1/certificates").then().body("count", equalTo(1));
      as(BOB, "requester").get(certificate).then().statusCode(404).contentType("application/problem+json");
      as(BOB, "requester").get(certificate + "/certificate").then().statusCode(404);
      as(BOB, "requester").get("/api/v1/requests/" + requestId).then().statusCode(404);
      as(BOB, "requester").queryParam("caId", caId).get("/api/v1/certificates").then().statusCode(200).body("count", equalTo(0));

      // Neither the other requester nor an operator can revoke it, and their attempts leave no event.
      Map<TopicPartition, Long> before = probe.endOffsets(Topic.REVOCATIONS);
      as(BOB, "requester").contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
          .post(certificate + "/revocation").then().statusCode(404).contentType("application/problem+json");
      as(TestTokens.OPERATOR, "operator").contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
          .post(certificate + "/revocation").then().statusCode(403).contentType("application/problem+json");
      assertThat(probe.endOffsets(Topic.REVOCATIONS)).isEqualTo(before);

      as(ALICE, "requester").contentType(ContentType.JSON).body(Map.of("reason", "superseded"))
          .post(certificate + "/revocation").then().statusCode(202);
      CertificateRevoked revoked =
          probe.await(Topic.REVOCATIONS, CertificateRevoked.class, e -> e.serialNumber().hex().equals(serial), TIMEOUT);
      assertThat(revoked.revokedBy()).isEqualTo(ALICE);
      await().atMost(TIMEOUT).untilAsserted(() ->
          as(ALICE, "requester").get(certificate).then().body("status", equalTo("REVOKED")).body("revokedBy", equalTo(ALICE)));
    }
  }

  @Test
  void theForbiddenAnswerNamesTheCallerAndItsRole() {
    as("ops-1", "operator").contentType(ContentType.JSON).body(Map.of("commonName", "Not mine to make")).post("/api/v1/cas")
        .then().statusCode(403).contentType("application/problem+json")
        .body("title", equalTo("Forbidden")).body("detail", org.hamcrest.Matchers.containsString("'ops-1' (roles operator)"));
  }

  /**
   * The penetration test's tokens (issue 11, finding 7), each signed with the right key and otherwise an admin's: each
   * is a 401 problem naming the claim at fault, not an admin, and the NUL subject is no longer a 500.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
      exp 50 years ahead          | exp    | /api/v1/cas          | exp=now+1577880000
      iat 30 days in the future   | iat    | /api/v1/cas          | iat=now+2592000,exp=now+2595600
      an empty sub                | sub    | /api/v1/cas          | sub=,upn=
      groups as a string          | groups | /api/v1/cas          | groups=admin
      a NUL in a requester's sub  | sub    | /api/v1/certificates | sub=svc\u0000x,upn=svc\u0000x,groups=[requester]
      """)
  void aSignedTokenWithAClaimEventcaTokenNeverWritesIsA401NamingTheClaim(String name, String claim, String path, String claims) {
    Map<String, Object> overrides = new java.util.HashMap<>();
    for (String pair : claims.split(",")) {
      String[] kv = pair.split("=", 2);
      overrides.put(kv[0], kv[1].startsWith("[") ? java.util.List.of(kv[1].substring(1, kv[1].length() - 1)) : kv[1]);
    }

    io.restassured.response.Response response = io.restassured.RestAssured.given().auth().oauth2(HostileTokens.mint(overrides)).get(path);

    response.then().statusCode(401).contentType("application/problem+json").body("claim", equalTo(claim))
        .body("detail", org.hamcrest.Matchers.startsWith("the bearer token's claim " + claim + " "))
        .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token"));
  }

  /** What ./eventca-token mints at its longest (--days 365) is still let in. */
  @Test
  void aTokenOfTheLongestLifetimeTheToolMintsIsAccepted() {
    java.security.PrivateKey key = io.eventca.tokens.TokenKeys.readPrivateKey(java.nio.file.Path.of("src/test/resources/tokens/token-signing-key.pem"));
    String token = io.eventca.tokens.Tokens.mint(key, "ops-365", io.eventca.tokens.Tokens.Role.operator, io.eventca.tokens.Tokens.MAX_DAYS);

    io.restassured.RestAssured.given().auth().oauth2(token).get("/api/v1/cas").then().statusCode(200);
  }

  @Test
  void aTokenWithARoleEventcaDoesNotKnowIsForbiddenEverywhereButThePublicDownloads() {
    as("mallory", "superuser").get("/api/v1/cas").then().statusCode(403).contentType("application/problem+json");
    as("mallory", "superuser").get("/api/v1/profiles").then().statusCode(200);
  }
}
