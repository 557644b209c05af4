package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.registry.CaRetired;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.events.registry.RequesterRetired;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requester management and CA retirement over REST, against a real broker and PostgreSQL: each command is one event
 * on eventca.registry naming the admin who gave it, and the projection shows it; requester-role requests are marked
 * for the issuer-worker to hold them to their policy.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class RegistryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private EventProbe probe;

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(KafkaBroker.bootstrapServers());
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  private static String publicKeyPem() {
    return Csrs.pem(Csrs.ecP256().getPublic());
  }

  private String givenAnActiveCa(String name) {
    String caId = asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", name)).post("/api/v1/cas")
        .then().statusCode(202).extract().path("caId");
    probe.publish(new FakeIssuer().created(probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT)));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));
    return caId;
  }

  @Test
  void givenAnAdmin_whenItRegistersARequester_thenOneEventNamingTheAdmin_andTheProjectionShowsIt_andARegistrationReplacesIt() {
    String caId = givenAnActiveCa("Registry CA");
    String name = "payments-" + UUID.randomUUID().toString().substring(0, 8);
    String key = publicKeyPem();

    asAdmin().contentType(ContentType.JSON)
        .body(Map.of("name", name, "publicKeyPem", key, "allowedNames", List.of("*.Payments.internal", "10.20.0.7"),
            "allowedProfiles", List.of("server"), "maxValidityDays", 90, "allowedCaIds", List.of(caId)))
        .post("/api/v1/requesters")
        .then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/requesters/" + name))
        .body("allowedNames", equalTo(List.of("*.payments.internal", "10.20.0.7")));

    RequesterRegistered event = probe.await(Topic.REGISTRY, RequesterRegistered.class, e -> e.requester().value().equals(name), TIMEOUT);
    assertThat(event.registeredBy()).isEqualTo(TestTokens.ADMIN);
    assertThat(event.publicKeyPem().replaceAll("\\s", "")).isEqualTo(key.replaceAll("\\s", ""));
    assertThat(event.policy().allowedCaIds()).extracting(c -> c.value()).containsExactly(caId);
    await().atMost(TIMEOUT).untilAsserted(() -> TestTokens.as(TestTokens.OPERATOR, "operator").get("/api/v1/requesters/" + name)
        .then().statusCode(200).body("status", equalTo("ACTIVE")).body("maxValidityDays", equalTo(90)));

    // A new key and policy under the same name replace the old ones.
    asAdmin().contentType(ContentType.JSON)
        .body(Map.of("name", name, "publicKeyPem", publicKeyPem(), "allowedNames", List.of("*.payments.internal"),
            "allowedProfiles", List.of("server", "client"), "maxValidityDays", 30))
        .post("/api/v1/requesters").then().statusCode(200);
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/requesters/" + name)
        .then().body("maxValidityDays", equalTo(30)).body("allowedProfiles", equalTo(List.of("server", "client"))));
    asAdmin().get("/api/v1/requesters").then().statusCode(200).body("name", hasItem(name));

    // When it is retired, then one RequesterRetired naming the admin, RETIRED in the projection, and a second retirement is a conflict.
    asAdmin().post("/api/v1/requesters/" + name + "/retirement").then().statusCode(202).body("status", equalTo("RETIRED"));
    assertThat(probe.await(Topic.REGISTRY, RequesterRetired.class, e -> e.requester().value().equals(name), TIMEOUT).retiredBy())
        .isEqualTo(TestTokens.ADMIN);
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/requesters/" + name).then().body("status", equalTo("RETIRED")));
    asAdmin().post("/api/v1/requesters/" + name + "/retirement").then().statusCode(409).contentType("application/problem+json");
  }

  @Test
  void givenARetiredCa_thenItIssuesNothing_butItsCertificateStaysPublished() {
    String caId = givenAnActiveCa("Retiring CA");

    asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "superseded by Issuing CA 2"))
        .post("/api/v1/cas/" + caId + "/retirement").then().statusCode(202).body("status", equalTo("RETIRED"));

    CaRetired event = probe.await(Topic.REGISTRY, CaRetired.class, e -> e.caId().value().equals(caId), TIMEOUT);
    assertThat(event.retiredBy()).isEqualTo(TestTokens.ADMIN);
    assertThat(event.reason()).isEqualTo("superseded by Issuing CA 2");
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then()
        .body("status", equalTo("RETIRED")).body("retirementReason", equalTo("superseded by Issuing CA 2")));
    io.restassured.RestAssured.get("/api/v1/cas/" + caId + "/certificate").then().statusCode(200);
    // The bundle holds ACTIVE CAs only, as docs/API.md says (issue 11, finding 9d): a retired CA is trusted no further.
    io.restassured.RestAssured.get("/api/v1/cas/bundle.pem").then().statusCode(200)
        .body(org.hamcrest.Matchers.not(containsString(asAdmin().get("/api/v1/cas/" + caId + "/certificate").asString().trim())))
        .body(containsString("BEGIN CERTIFICATE"));

    asAdmin().contentType(ContentType.JSON)
        .body(Map.of("profile", "server", "csr", Csrs.csrPem(Csrs.ecP256(), "CN=late.example.internal")))
        .post("/api/v1/cas/" + caId + "/certificates")
        .then().statusCode(409).contentType("application/problem+json").body("caStatus", equalTo("RETIRED"));
    asAdmin().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/cas/" + caId + "/retirement").then().statusCode(409);
  }

  @Test
  void givenARequesterRoleCaller_thenItsRequestIsMarkedForItsPolicy_andAnAdminsIsNot() {
    String caId = givenAnActiveCa("Policy CA");
    String csr = Csrs.csrPem(Csrs.ecP256(), "CN=svc.example.internal");

    String byRequester = TestTokens.as("svc-policy", "requester").contentType(ContentType.JSON).body(Map.of("profile", "server", "csr", csr))
        .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(202).extract().path("requestId");
    String byAdmin = asAdmin().contentType(ContentType.JSON).body(Map.of("profile", "server", "csr", csr))
        .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(202).extract().path("requestId");

    CertificateRequested requested = probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.requestId().value().equals(byRequester), TIMEOUT);
    assertThat(requested.requesterPolicyApplies()).isTrue();
    assertThat(requested.requestedBy()).isEqualTo("svc-policy");
    assertThat(probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.requestId().value().equals(byAdmin), TIMEOUT)
        .requesterPolicyApplies()).isFalse();
  }
}
