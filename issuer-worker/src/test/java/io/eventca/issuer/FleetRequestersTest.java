package io.eventca.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.fleet.RequestDeadLettered;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.registry.CaRetired;
import io.eventca.events.registry.RequesterRetired;
import io.eventca.issuer.TestRequesters.Requester;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requesters on Kafka against a real broker: a request on eventca.fleet-requests is served only when its registered
 * requester signed it, and only within that requester's policy; a retired CA issues nothing. Given registry events,
 * when a request arrives, then the answer (and the fact, or the dead letter) is as the issue asks.
 */
@QuarkusTest
@QuarkusTestResource(RealKafka.class)
class FleetRequestersTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private EventProbe probe;
  @jakarta.inject.Inject IssuerWorker worker;

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(KafkaBroker.bootstrapServers());
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  private CaCreated givenACa() {
    CaCreationRequested request = new CaCreationRequested(CaId.random(), SubjectName.ofCommonName("Payments CA"), KeyAlgorithm.EC, 256,
        "sha256", 365, "ops", Instant.now());
    probe.publish(request);
    return probe.await(Topic.ISSUANCE, CaCreated.class, e -> e.caId().equals(request.caId()), WAIT);
  }

  private Requester givenARegisteredRequester(CaId ca) {
    Requester requester = TestRequesters.ec("payments-" + UUID.randomUUID().toString().substring(0, 8));
    probe.publish(requester.registered(TestRequesters.policy(List.of("*.payments.internal"), List.of("server"), 90, List.of(ca))));
    return requester;
  }

  private static CertificateRequested request(CaId ca, Requester by, String cn, int days) {
    return new CertificateRequested(ca, new RequestId("fleet-" + UUID.randomUUID()), Csrs.csrPem(Csrs.ecP256(), "CN=" + cn), "server",
        days, by.name().value(), Instant.now(), null);
  }

  private static void awaitState(java.util.function.BooleanSupplier reached) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!reached.getAsBoolean()) {
      assertThat(Instant.now()).as("the worker's state reader got there in time").isBefore(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private RequestDeadLettered awaitDeadLetter(RequestId id) {
    return probe.await(Topic.DEAD_LETTERS, RequestDeadLettered.class, e -> id.equals(e.requestId()), WAIT);
  }

  private CertificateRequestRefused awaitRefusal(RequestId id) {
    return probe.await(Topic.REPLIES, CertificateRequestRefused.class, e -> e.requestId().equals(id), WAIT);
  }

  @Test
  void givenARegisteredRequester_whenItSignsARequestWithinItsPolicy_thenItIsDelivered() {
    CaCreated ca = givenACa();
    Requester requester = givenARegisteredRequester(ca.caId());
    CertificateRequested request = requester.sign(request(ca.caId(), requester, "api.payments.internal", 30));

    probe.publish(Topic.FLEET_REQUESTS, request);

    CertificateDelivered delivered =
        probe.await(Topic.REPLIES, CertificateDelivered.class, e -> e.requestId().equals(request.requestId()), WAIT);
    assertThat(delivered.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(probe.await(Topic.ISSUANCE, CertificateIssued.class, e -> e.requestId().equals(request.requestId()), WAIT).subjectDn())
        .isEqualTo("CN=api.payments.internal");
  }

  @Test
  void givenAForgedRequest_thenADeadLetterOnly_noAnswerAndNoFact_andTheRealRequesterCanStillUseTheId() {
    CaCreated ca = givenACa();
    Requester requester = givenARegisteredRequester(ca.caId());
    CertificateRequested genuine = request(ca.caId(), requester, "api.payments.internal", 30);

    // When someone who can write the topic sends it unsigned, then signed by another key, under the real id:
    probe.publish(Topic.FLEET_REQUESTS, genuine);
    probe.publish(Topic.FLEET_REQUESTS, TestRequesters.ec(requester.name().value()).sign(genuine));
    List<RequestDeadLettered> dead = probe.awaitAll(Topic.DEAD_LETTERS, RequestDeadLettered.class,
        e -> genuine.requestId().equals(e.requestId()), 2, WAIT);
    assertThat(dead).extracting(RequestDeadLettered::code).containsOnly(ErrorCode.SIGNATURE_INVALID.code());

    // Then the genuine, signed request under the same id is served: the forgeries used nothing up ...
    probe.publish(Topic.FLEET_REQUESTS, requester.sign(genuine));
    probe.await(Topic.REPLIES, CertificateDelivered.class, e -> e.requestId().equals(genuine.requestId()), WAIT);
    // ... and its one answer is the delivery: no refusal was written under its id for anybody to mistake for it.
    assertThat(probe.readAll(Topic.REPLIES, CertificateRequestRefused.class, e -> e.requestId().equals(genuine.requestId()))).isEmpty();
    assertThat(probe.readAll(Topic.ISSUANCE, CertificateRejected.class, r -> r.requestId().equals(genuine.requestId()))).isEmpty();
  }

  @Test
  void givenNoRegistration_orARetiredOne_thenRequesterUnknown_asADeadLetter() {
    CaCreated ca = givenACa();
    Requester stranger = TestRequesters.ec("stranger-" + UUID.randomUUID().toString().substring(0, 8));
    CertificateRequested unknown = stranger.sign(request(ca.caId(), stranger, "api.payments.internal", 30));
    probe.publish(Topic.FLEET_REQUESTS, unknown);
    assertThat(awaitDeadLetter(unknown.requestId()).code()).isEqualTo(ErrorCode.REQUESTER_UNKNOWN.code());

    Requester retired = givenARegisteredRequester(ca.caId());
    awaitState(() -> worker.state().requester(retired.name().value()).isPresent());
    probe.publish(new RequesterRetired(retired.name(), "admin", Instant.now()));
    // A retirement takes effect once the worker has read it (a registration is looked up again before a refusal).
    awaitState(() -> worker.state().requester(retired.name().value()).isEmpty());
    CertificateRequested afterRetirement = retired.sign(request(ca.caId(), retired, "api.payments.internal", 30));
    probe.publish(Topic.FLEET_REQUESTS, afterRetirement);
    assertThat(awaitDeadLetter(afterRetirement.requestId()).code()).isEqualTo(ErrorCode.REQUESTER_UNKNOWN.code());
    assertThat(probe.readAll(Topic.REPLIES, CertificateRequestRefused.class,
        e -> e.requestId().equals(unknown.requestId()) || e.requestId().equals(afterRetirement.requestId()))).isEmpty();
  }

  @Test
  void givenAPolicy_whenARequestBreaksARule_thenTheRejectionNamesTheRule() {
    CaCreated ca = givenACa();
    CaCreated otherCa = givenACa();
    Requester requester = givenARegisteredRequester(ca.caId());
    record Case(CertificateRequested request, String code, String rule) {}
    CertificateRequested wrongProfile = request(ca.caId(), requester, "api.payments.internal", 30);
    wrongProfile = new CertificateRequested(wrongProfile.caId(), wrongProfile.requestId(), wrongProfile.csrPem(), "client", 30,
        wrongProfile.requestedBy(), wrongProfile.requestedAt(), null);
    List<Case> cases = List.of(
        new Case(request(ca.caId(), requester, "www.example.com", 30), ErrorCode.POLICY_NAME_NOT_ALLOWED.code(), "allowedNames"),
        new Case(request(ca.caId(), requester, "api.payments.internal", 91), ErrorCode.POLICY_VALIDITY_TOO_LONG.code(), "maxValidityDays"),
        new Case(request(otherCa.caId(), requester, "api.payments.internal", 30), ErrorCode.POLICY_CA_NOT_ALLOWED.code(), "allowedCaIds"),
        new Case(wrongProfile, ErrorCode.POLICY_PROFILE_NOT_ALLOWED.code(), "allowedProfiles"),
        // A name it may have, but a subject claiming an eventca role: that is an admin's to hand out (mutual TLS).
        new Case(request(ca.caId(), requester, "api.payments.internal,OU=eventca-role:admin", 30), ErrorCode.POLICY_ROLE_NOT_ALLOWED.code(),
            "roles"));

    cases.forEach(c -> probe.publish(Topic.FLEET_REQUESTS, requester.sign(c.request())));

    for (Case c : cases) {
      CertificateRequestRefused refused = awaitRefusal(c.request().requestId());
      assertThat(refused.code()).isEqualTo(c.code());
      assertThat(refused.detail()).contains("policy rule " + c.rule());
      assertThat(probe.await(Topic.ISSUANCE, CertificateRejected.class, e -> e.requestId().equals(c.request().requestId()), WAIT).code())
          .isEqualTo(c.code());
    }
  }

  /**
   * Issue 11, finding 4: a request id is its requester's own. Before, requester B, signing with its own key, could reuse
   * A's id: after A, its request-id-reused refusal became the latest answer under A's id on the compacted reply topic
   * (A's certificate lost to compaction); before A, A's own request was refused.
   */
  @Test
  void givenTwoRequesters_whenBothUseOneRequestId_thenEachGetsItsOwnAnswer_andTheDeliveredCertificateStaysTheLatest() {
    CaCreated ca = givenACa();
    Requester a = givenARegisteredRequester(ca.caId());
    Requester b = givenARegisteredRequester(ca.caId());
    RequestId shared = new RequestId("shared-" + UUID.randomUUID());
    CertificateRequested fromA = withId(request(ca.caId(), a, "a.payments.internal", 30), shared);
    CertificateRequested fromB = withId(request(ca.caId(), b, "b.payments.internal", 30), shared);
    String keyOfA = a.name().value() + "/" + shared.value();
    String keyOfB = b.name().value() + "/" + shared.value();

    // A first, then B with the same id: both are served, each under its own key.
    probe.publish(Topic.FLEET_REQUESTS, a.sign(fromA));
    probe.await(Topic.REPLIES, CertificateDelivered.class, e -> e.requestId().equals(shared) && a.name().value().equals(e.requestedBy()), WAIT);
    probe.publish(Topic.FLEET_REQUESTS, b.sign(fromB));
    probe.await(Topic.REPLIES, CertificateDelivered.class, e -> e.requestId().equals(shared) && b.name().value().equals(e.requestedBy()), WAIT);
    // And A reusing its own id for another request is refused under a key of its own.
    CertificateRequested otherFromA = withId(request(ca.caId(), a, "c.payments.internal", 30), shared);
    probe.publish(Topic.FLEET_REQUESTS, a.sign(otherFromA));
    CertificateRequestRefused reused = probe.await(Topic.REPLIES, CertificateRequestRefused.class,
        e -> e.requestId().equals(shared) && a.name().value().equals(e.requestedBy()), WAIT);
    assertThat(reused.code()).isEqualTo(ErrorCode.REQUEST_ID_REUSED.code());

    java.util.Map<String, io.eventca.events.Event> latest = probe.latestByKey(Topic.REPLIES);
    assertThat(latest.get(keyOfA)).isInstanceOfSatisfying(CertificateDelivered.class,
        d -> assertThat(d.certificatePem()).isEqualTo(issued(shared, "CN=a.payments.internal").certificatePem()));
    assertThat(latest.get(keyOfB)).isInstanceOfSatisfying(CertificateDelivered.class,
        d -> assertThat(d.certificatePem()).isEqualTo(issued(shared, "CN=b.payments.internal").certificatePem()));
    assertThat(latest.keySet().stream().filter(k -> k.startsWith(keyOfA + "/reused/"))).hasSize(1);
  }

  private CertificateIssued issued(RequestId id, String subject) {
    return probe.await(Topic.ISSUANCE, CertificateIssued.class, e -> e.requestId().equals(id) && e.subjectDn().equals(subject), WAIT);
  }

  private static CertificateRequested withId(CertificateRequested r, RequestId id) {
    return new CertificateRequested(r.caId(), id, r.csrPem(), r.profile(), r.validityDays(), r.requestedBy(), r.requestedAt(), r.replyTopic());
  }

  /**
   * Issue 11, finding 1, over the fleet topic as the penetration test did it: a requester allowed any CA asks for a client
   * certificate whose OU claims a role in a way another reader would see (a BMPString of ASCII octets, an invisible
   * character, a look-alike letter). Before, the BMPString one was issued, and ca-service's login read it as admin.
   */
  @Test
  void givenARequesterAllowedAnyCa_whenItHidesARoleClaimInTheSubject_thenNothingIsIssued() throws Exception {
    CaCreated ca = givenACa();
    Requester requester = TestRequesters.ec("anyca-" + UUID.randomUUID().toString().substring(0, 8));
    probe.publish(requester.registered(TestRequesters.policy(List.of("*.example.internal"), List.of("client"), 90, null)));
    record Case(String csrFile, String code) {}
    List<Case> cases = List.of(new Case("subject-ou-bmp-octets-role.csr", ErrorCode.POLICY_VIOLATION.code()),
        new Case("subject-ou-zero-width-role.csr", ErrorCode.POLICY_VIOLATION.code()),
        new Case("subject-ou-homoglyph-role.csr", ErrorCode.POLICY_ROLE_NOT_ALLOWED.code()));
    List<CertificateRequested> requests = new java.util.ArrayList<>();
    for (Case c : cases) {
      String csr = new String(getClass().getResourceAsStream("/hostile-csr/" + c.csrFile()).readAllBytes(),
          java.nio.charset.StandardCharsets.US_ASCII);
      CertificateRequested request = new CertificateRequested(ca.caId(), new RequestId("role-" + UUID.randomUUID()), csr, "client", 30,
          requester.name().value(), Instant.now(), null);
      requests.add(request);
      probe.publish(Topic.FLEET_REQUESTS, requester.sign(request));
    }
    for (int i = 0; i < cases.size(); i++) {
      RequestId id = requests.get(i).requestId();
      assertThat(awaitRefusal(id).code()).as(cases.get(i).csrFile()).isEqualTo(cases.get(i).code());
      assertThat(probe.readAll(Topic.ISSUANCE, CertificateIssued.class, e -> e.requestId().equals(id))).isEmpty();
    }
  }

  /** ca-service marks REST requests of requester-role callers; the policy holds there too. */
  @Test
  void givenARestRequesterMarkedByCaService_thenItsPolicyHoldsOnTheTrustedTopicToo() {
    CaCreated ca = givenACa();
    Requester requester = givenARegisteredRequester(ca.caId());
    CertificateRequested outside = request(ca.caId(), requester, "www.example.com", 30).heldToRequesterPolicy();
    CertificateRequested inside = request(ca.caId(), requester, "web.payments.internal", 30).heldToRequesterPolicy();

    probe.publish(outside);
    probe.publish(inside);

    assertThat(awaitRefusal(outside.requestId()).code()).isEqualTo(ErrorCode.POLICY_NAME_NOT_ALLOWED.code());
    probe.await(Topic.REPLIES, CertificateDelivered.class, e -> e.requestId().equals(inside.requestId()), WAIT);
  }

  @Test
  void givenARetiredCa_thenNoCertificateAndNoCaBelowIt() {
    CaCreated ca = givenACa();
    probe.publish(new CaRetired(ca.caId(), "superseded", "admin", Instant.now()));
    awaitState(() -> worker.state().retirement(ca.caId()).isPresent());
    CertificateRequested request = new CertificateRequested(ca.caId(), RequestId.random(), Csrs.csrPem(Csrs.ecP256(), "CN=late.internal"),
        "server", 30, "ops", Instant.now(), null);

    probe.publish(request);
    CaCreationRequested child = new CaCreationRequested(CaId.random(), SubjectName.ofCommonName("Child"), KeyAlgorithm.EC, 256, "sha256",
        30, "ops", Instant.now(), ca.caId(), null, null);
    probe.publish(child);

    CertificateRequestRefused refused = awaitRefusal(request.requestId());
    assertThat(refused.code()).isEqualTo(ErrorCode.CA_RETIRED.code());
    assertThat(probe.await(Topic.ISSUANCE, CaCreationFailed.class, e -> e.caId().equals(child.caId()), WAIT).code())
        .isEqualTo(ErrorCode.CA_RETIRED.code());
  }
}
