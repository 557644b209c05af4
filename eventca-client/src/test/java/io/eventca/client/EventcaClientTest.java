package io.eventca.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.testkit.Csrs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real (in-JVM) broker, with {@link FakeIssuer} answering in place of issuer-worker. */
class EventcaClientTest {
  private static String kafka;
  private static String csr;

  @BeforeAll
  static void broker() {
    kafka = FakeIssuer.kafka();
    csr = Csrs.csrPem(Csrs.ecP256(), "CN=client-test.example");
  }

  private static EventcaClient client(Duration timeout, int attempts) {
    return new EventcaClient(ClientConfig.of(kafka, "client-test")
        .withTimeout(timeout).withAttempts(attempts).withRetryBackoff(Duration.ofMillis(100)));
  }

  @Test
  void anIssuedCertificateComesBack() throws Exception {
    CaId ca = CaId.random();
    try (FakeIssuer issuer = new FakeIssuer(kafka, ca); EventcaClient client = client(Duration.ofSeconds(20), 1)) {
      CertificateRequest request = CertificateRequest.of(ca, "server", csr);

      CertificateAnswer answer = client.requestAndWait(request);

      assertThat(answer.isIssued()).isTrue();
      assertThat(answer.requestId()).isEqualTo(request.requestId());
      assertThat(answer.caId()).isEqualTo(ca);
      CertificateAnswer.Issued issued = answer.asIssued();
      assertThat(issued.serialNumber()).isNotNull();
      assertThat(issued.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
      assertThat(issued.chainPem()).startsWith("-----BEGIN CERTIFICATE-----");
      assertThat(issued.repeated()).isFalse();
      assertThat(issuer.received()).containsExactly(request.requestId());
      assertThat(client.inFlight()).isZero();
    }
  }

  @Test
  void theRequestCarriesWhatWasAsked() throws Exception {
    CaId ca = CaId.random();
    List<CertificateRequested> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    FakeIssuer.Behaviour issuing = FakeIssuer.issuing();
    try (FakeIssuer issuer = new FakeIssuer(kafka, ca, (r, n) -> {
          seen.add(r);
          return issuing.answer(r, n);
        });
        EventcaClient client = client(Duration.ofSeconds(20), 1)) {
      client.requestAndWait(new CertificateRequest(new RequestId("fleet-7:a.b_c"), ca, "client", csr, 0,
          "svc.example", List.of("10.0.0.1")));

      CertificateRequested r = seen.get(0);
      assertThat(r.requestId().value()).isEqualTo("fleet-7:a.b_c");
      assertThat(r.profile()).isEqualTo("client");
      assertThat(r.csrPem()).isEqualTo(csr);
      assertThat(r.validityDays()).isEqualTo(CertificateRequest.DEFAULT_VALIDITY_DAYS);
      assertThat(r.requestedBy()).isEqualTo("client-test");
      assertThat(r.requestedAt()).isNotNull();
      assertThat(r.replyTopic()).isEqualTo("eventca.replies");
      assertThat(r.host()).isEqualTo("svc.example");
      assertThat(r.subjectAltNames()).containsExactly("10.0.0.1");
    }
  }

  /** A fleet service's client signs with its requester key and writes to eventca.fleet-requests, where the worker checks it. */
  @Test
  void withASignerTheRequestIsSignedOnceAndGoesToTheFleetTopic() throws Exception {
    CaId ca = CaId.random();
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    java.security.KeyPair requesterKey = generator.generateKeyPair();
    RequestSigner signer = message -> {
      java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
      s.initSign(requesterKey.getPrivate());
      s.update(message);
      return s.sign();
    };
    List<String> topics = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Boolean> verified = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> signatures = new java.util.concurrent.CopyOnWriteArrayList<>();
    FakeIssuer.Behaviour checking = (request, timesSeen) -> {
      try {
        java.security.Signature v = java.security.Signature.getInstance("SHA256withECDSA");
        v.initVerify(requesterKey.getPublic());
        v.update(io.eventca.events.fleet.RequestSignature.message(request));
        verified.add(v.verify(java.util.Base64.getDecoder().decode(request.signature())));
        signatures.add(request.signature());
      } catch (Exception e) {
        verified.add(false);
      }
      return timesSeen == 1 ? java.util.Optional.empty() : FakeIssuer.issuing().answer(request, timesSeen);
    };
    try (FakeIssuer issuer = new FakeIssuer(kafka, ca, checking, topics::add);
        EventcaClient client = new EventcaClient(ClientConfig.of(kafka, "client-test").withTimeout(Duration.ofSeconds(3))
            .withAttempts(3).withRetryBackoff(Duration.ofMillis(100)).withSigner(signer))) {

      CertificateAnswer answer = client.requestAndWait(CertificateRequest.of(ca, "server", csr));

      assertThat(answer.isIssued()).isTrue();
      assertThat(verified).as("first send and its retry, both signed by the requester key").containsExactly(true, true);
      assertThat(topics).containsOnly(io.eventca.events.Topic.FLEET_REQUESTS.topicName());
      // ECDSA signatures differ each time they are made: equal ones show the retry resent the record signed once.
      assertThat(signatures).hasSize(2);
      assertThat(signatures.get(1)).isEqualTo(signatures.get(0));
    }
  }

  @Test
  void aRequestThatCannotBePublishedFailsNamingTheTopicItWasSentTo() {
    // Signed, so it goes to eventca.fleet-requests; a 512-byte request limit makes the producer refuse the record.
    RequestSigner signer = message -> new byte[64];
    try (EventcaClient client = new EventcaClient(ClientConfig.of(kafka, "client-test").withTimeout(Duration.ofSeconds(5))
        .withAttempts(1).withKafkaProperties(java.util.Map.of("max.request.size", "512")).withSigner(signer))) {
      assertThatThrownBy(() -> client.requestAndWait(CertificateRequest.of(CaId.random(), "server", csr)))
          .isInstanceOf(EventcaException.class).hasMessageContaining("to eventca.fleet-requests after 1 attempt");
    }
  }

  @Test
  void aRefusalSurfacesItsCode() throws Exception {
    CaId ca = CaId.random();
    try (FakeIssuer issuer = new FakeIssuer(kafka, ca, FakeIssuer.refusing(ErrorCode.WEAK_KEY.code()));
        EventcaClient client = client(Duration.ofSeconds(20), 1)) {
      CertificateAnswer answer = client.requestAndWait(CertificateRequest.of(ca, "server", csr));

      assertThat(answer.isIssued()).isFalse();
      assertThat(answer.isRefused()).isTrue();
      assertThat(answer.asRefused().code()).isEqualTo("weak-key");
      assertThat(answer.asRefused().detail()).isNotBlank();
      assertThatThrownBy(answer::asIssued).isInstanceOf(IllegalStateException.class).hasMessageContaining("weak-key");
    }
  }

  @Test
  void anUnansweredSendIsRepeatedWithTheSameRequestId() throws Exception {
    CaId ca = CaId.random();
    try (FakeIssuer issuer = new FakeIssuer(kafka, ca, FakeIssuer.ignoringFirst(1, FakeIssuer.issuing()));
        EventcaClient client = client(Duration.ofSeconds(2), 3)) {
      CertificateRequest request = CertificateRequest.of(ca, "server", csr);

      CertificateAnswer answer = client.requestAndWait(request);

      assertThat(answer.isIssued()).isTrue();
      assertThat(answer.requestId()).isEqualTo(request.requestId());
      assertThat(issuer.received()).containsExactly(request.requestId(), request.requestId());
    }
  }

  @Test
  void noAnswerAtAllEndsInATimeoutAfterEveryAttempt() throws Exception {
    CaId ca = CaId.random();
    try (FakeIssuer issuer = new FakeIssuer(kafka, ca, FakeIssuer.silent());
        EventcaClient client = client(Duration.ofMillis(700), 2)) {
      CertificateRequest request = CertificateRequest.of(ca, "server", csr);

      assertThatThrownBy(() -> client.requestAndWait(request))
          .isInstanceOfSatisfying(EventcaTimeoutException.class, e -> {
            assertThat(e.requestId()).isEqualTo(request.requestId());
            assertThat(e.attempts()).isEqualTo(2);
          })
          .hasMessageContaining(request.requestId().value())
          .hasMessageContaining("2 attempts");
      assertThat(issuer.awaitReceived(2, Duration.ofSeconds(10))).isTrue();
      assertThat(issuer.received()).containsExactly(request.requestId(), request.requestId());
      assertThat(client.inFlight()).isZero();
    }
  }

  @Test
  void manyConcurrentRequestsEachGetTheirOwnAnswer() throws Exception {
    CaId ca = CaId.random();
    // Even requests are issued, odd ones refused; either way the answer names the CSR it answers.
    FakeIssuer.Behaviour byCsr = (r, n) -> {
      int i = Integer.parseInt(r.csrPem().substring("csr-".length()));
      return Optional.of(i % 2 == 0
          ? FakeIssuer.delivered(r, FakeIssuer.randomSerial(), false)
          : FakeIssuer.refused(r, ErrorCode.POLICY_VIOLATION.code(), r.csrPem()));
    };
    int count = 200;
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try (FakeIssuer issuer = new FakeIssuer(kafka, ca, byCsr); EventcaClient client = client(Duration.ofSeconds(30), 1)) {
      List<CertificateRequest> requests = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        requests.add(CertificateRequest.of(ca, "server", "csr-" + i));
      }
      List<CompletableFuture<CertificateAnswer>> answers = new ArrayList<>();
      for (CertificateRequest request : requests) {
        answers.add(CompletableFuture.supplyAsync(() -> client.request(request), senders).thenCompose(f -> f));
      }
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

      for (int i = 0; i < count; i++) {
        CertificateAnswer answer = answers.get(i).join();
        assertThat(answer.requestId()).isEqualTo(requests.get(i).requestId());
        if (i % 2 == 0) {
          assertThat(answer.asIssued().certificatePem()).isNotBlank();
        } else {
          assertThat(answer.asRefused().detail()).isEqualTo("csr-" + i);
        }
      }
      assertThat(issuer.received()).hasSize(count);
      assertThat(client.inFlight()).isZero();
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void answersForOtherRequestsAreIgnored() throws Exception {
    CaId ca = CaId.random();
    // Another requester's answers land on the same reply topic; this client waits only for its own.
    try (FakeIssuer issuer = new FakeIssuer(kafka, ca);
        EventcaClient mine = client(Duration.ofSeconds(20), 1);
        EventcaClient theirs = client(Duration.ofSeconds(20), 1)) {
      CompletableFuture<CertificateAnswer> theirAnswer = theirs.request(CertificateRequest.of(ca, "server", csr));
      CertificateAnswer myAnswer = mine.requestAndWait(CertificateRequest.of(ca, "server", csr));

      assertThat(theirAnswer.get(20, TimeUnit.SECONDS).requestId()).isNotEqualTo(myAnswer.requestId());
      assertThat(mine.inFlight()).isZero();
    }
  }

  @Test
  void aMissingReplyTopicIsReportedAtConstruction() {
    assertThatThrownBy(() -> new EventcaClient(ClientConfig.of(kafka, "client-test")
            .withReplyTopic("eventca.no-such-topic").withTimeout(Duration.ofSeconds(1))))
        .isInstanceOf(EventcaException.class)
        .hasMessageContaining("eventca.no-such-topic");
  }

  @Test
  void aClosedClientFailsWhatIsStillWaiting() throws Exception {
    CaId ca = CaId.random();
    CompletableFuture<CertificateAnswer> waiting;
    try (FakeIssuer issuer = new FakeIssuer(kafka, ca, FakeIssuer.silent())) {
      EventcaClient client = client(Duration.ofSeconds(30), 1);
      waiting = client.request(CertificateRequest.of(ca, "server", csr));
      client.close();
      assertThat(client.request(CertificateRequest.of(ca, "server", csr))).isCompletedExceptionally();
    }
    assertThat(waiting).isCompletedExceptionally();
    assertThatThrownBy(waiting::join).hasCauseInstanceOf(EventcaException.class);
  }
}
