package io.eventca.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.events.Event;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.fleet.RequestDeadLettered;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.service.KafkaClients;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet contract against a real broker: every request is answered on its reply topic in the transaction of
 * its fact, retries get the same answer, reused ids are refused, and garbage is dead-lettered without stopping
 * the line.
 */
@QuarkusTest
@QuarkusTestResource(RealKafka.class)
class FleetRepliesTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final EventCodec codec = new EventCodec("fleet-test");
  private EventProbe probe;
  @Inject IssuerWorker worker;

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(KafkaBroker.bootstrapServers());
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  /** The request id in a reply's key, {@code <requestedBy>/<requestId>} (or the id alone when no requester could be read). */
  private static String requestIdOf(String key) {
    return key == null ? "" : key.substring(key.lastIndexOf('/') + 1);
  }

  private CaCreated givenACa() {
    CaCreationRequested request = new CaCreationRequested(CaId.random(), SubjectName.ofCommonName("Fleet CA"), KeyAlgorithm.EC, 256,
        "sha256", 365, "ops", Instant.now());
    probe.publish(request);
    return probe.await(Topic.ISSUANCE, CaCreated.class, e -> e.caId().equals(request.caId()), WAIT);
  }

  private static CertificateRequested request(CaId ca, RequestId id, String csr) {
    return new CertificateRequested(ca, id, csr, "server", 30, "svc-1", Instant.now(), null);
  }

  @Test
  void givenARequest_thenOneDeliveredAnswerKeyedByRequesterAndRequestId_withTheChain_andARetryGetsTheSameCertificate() {
    CaCreated ca = givenACa();
    RequestId id = new RequestId("svc-1-" + UUID.randomUUID());
    CertificateRequested request = request(ca.caId(), id, Csrs.csrPem(Csrs.ecP256(), "CN=svc-1.fleet.internal"));

    probe.publish(request);
    String key = "svc-1/" + id.value();
    List<ConsumerRecord<String, byte[]>> first = awaitRecords(Topic.REPLIES, r -> key.equals(r.key()), 1);

    CertificateDelivered delivered = (CertificateDelivered) decode(first.get(0));
    assertThat(delivered.requestId()).isEqualTo(id);
    assertThat(delivered.chainPem()).isEqualTo(ca.certificatePem());
    assertThat(delivered.repeated()).isNull();
    CertificateIssued fact = probe.await(Topic.ISSUANCE, CertificateIssued.class, e -> e.requestId().equals(id), WAIT);
    assertThat(fact.serialNumber()).isEqualTo(delivered.serialNumber());
    assertThat(fact.requestSha256()).isNotBlank();

    // When the service retries (same id, same request), then the same certificate again, and no new fact.
    probe.publish(request);
    List<ConsumerRecord<String, byte[]>> both = awaitRecords(Topic.REPLIES, r -> key.equals(r.key()), 2);
    CertificateDelivered again = (CertificateDelivered) decode(both.get(1));
    assertThat(again.serialNumber()).isEqualTo(delivered.serialNumber());
    assertThat(again.certificatePem()).isEqualTo(delivered.certificatePem());
    assertThat(again.repeated()).isTrue();

    // When the same id comes with a different request, then it is refused under a key of its own, and the delivered
    // certificate stays the latest answer under the request's key: compaction can never replace it by the refusal.
    probe.publish(request(ca.caId(), id, Csrs.csrPem(Csrs.ecP256(), "CN=other.fleet.internal")));
    List<ConsumerRecord<String, byte[]>> reused = awaitRecords(Topic.REPLIES, r -> r.key() != null && r.key().startsWith(key + "/reused/"), 1);
    assertThat(((CertificateRequestRefused) decode(reused.get(0))).code()).isEqualTo("request-id-reused");
    List<ConsumerRecord<String, byte[]>> underTheKey = readRecords(Topic.REPLIES.topicName()).stream().filter(r -> key.equals(r.key())).toList();
    assertThat(decode(underTheKey.get(underTheKey.size() - 1))).isInstanceOf(CertificateDelivered.class);
    assertThat(readAll(Topic.ISSUANCE).stream().filter(e -> e instanceof CertificateIssued i && i.requestId().equals(id))).hasSize(1);
  }

  /**
   * After a restart the worker holds 24 bytes per answered id, not the answer (RequestLedger): a retry's certificate
   * is read back from eventca.issuance by partition and offset. Without that read it would fail the batch.
   */
  @Test
  void givenAnAnsweredRequest_whenTheWorkerRestarts_thenARetryGetsTheSameCertificateReadBackFromTheLog() {
    CaCreated ca = givenACa();
    RequestId id = new RequestId("svc-1-" + UUID.randomUUID());
    CertificateRequested request = request(ca.caId(), id, Csrs.csrPem(Csrs.ecP256(), "CN=restart.fleet.internal"));
    probe.publish(request);
    String key = "svc-1/" + id.value();
    CertificateDelivered delivered = (CertificateDelivered) decode(awaitRecords(Topic.REPLIES, r -> key.equals(r.key()), 1).get(0));

    worker.onStop(null);
    worker.onStart(null);
    assertThat(worker.factReads()).isZero();
    probe.publish(request);

    List<ConsumerRecord<String, byte[]>> both = awaitRecords(Topic.REPLIES, r -> key.equals(r.key()), 2);
    CertificateDelivered again = (CertificateDelivered) decode(both.get(1));
    assertThat(again.certificatePem()).isEqualTo(delivered.certificatePem());
    assertThat(again.repeated()).isTrue();
    assertThat(worker.factReads()).isEqualTo(1);
    assertThat(readAll(Topic.ISSUANCE).stream().filter(e -> e instanceof CertificateIssued i && i.requestId().equals(id))).hasSize(1);
  }

  @Test
  void givenARequestNamingItsOwnReplyTopic_thenExactlyOneDeliveryThere_keyedByRequesterAndRequestId_withTheChainUpToTheRoot() throws Exception {
    CaCreated root = givenACa();
    CaCreationRequested issuing = new CaCreationRequested(CaId.random(), SubjectName.ofCommonName("Fleet Issuing CA"), KeyAlgorithm.EC, 256,
        "sha256", 90, "ops", Instant.now(), root.caId(), null, null);
    probe.publish(issuing);
    CaCreated intermediate = probe.await(Topic.ISSUANCE, CaCreated.class, e -> e.caId().equals(issuing.caId()), WAIT);
    String replyTopic = "eventca.replies.svc-" + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(replyTopic, 1, (short) 1))).all().get();
    }
    RequestId id = new RequestId("svc-own-" + UUID.randomUUID());

    probe.publish(new CertificateRequested(intermediate.caId(), id, Csrs.csrPem(Csrs.ecP256(), "CN=own.fleet.internal"), "server", 30,
        "svc-1", Instant.now(), replyTopic));

    CertificateIssued fact = probe.await(Topic.ISSUANCE, CertificateIssued.class, e -> e.requestId().equals(id), WAIT);
    List<ConsumerRecord<String, byte[]>> replies = readRecords(replyTopic);
    assertThat(replies).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("svc-1/" + id.value()));
    CertificateDelivered delivered = (CertificateDelivered) decode(replies.get(0));
    assertThat(delivered.serialNumber()).isEqualTo(fact.serialNumber());
    assertThat(delivered.chainPem()).isEqualTo(intermediate.certificatePem() + root.certificatePem());
    assertThat(readRecords(Topic.REPLIES.topicName()).stream().filter(r -> r.key() != null && r.key().endsWith(id.value()))).isEmpty();
  }

  @Test
  void givenAMixOfValidRequestsAndGarbage_thenEveryValidOneIsIssuedOnce_everyPieceOfGarbageIsDeadLettered_andTheLineKeepsGoing()
      throws Exception {
    CaCreated ca = givenACa();
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<ProducerRecord<String, byte[]>> feed = new ArrayList<>();
    Set<String> valid = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      RequestId id = new RequestId("ok-" + run + "-" + i);
      valid.add(id.value());
      feed.add(codec.toRecord(request(ca.caId(), id, Csrs.csrPem(Csrs.ecP256(), "CN=ok-" + i + ".fleet.internal"))));
    }
    String key = ca.caId().value();
    String validCsr = Csrs.csrPem(Csrs.ecP256(), "CN=x.fleet.internal");
    Map<String, byte[]> garbage = new java.util.LinkedHashMap<>();
    garbage.put("not-json", ("this is not JSON " + run + " {").getBytes(StandardCharsets.UTF_8));
    garbage.put("not-a-cloudevent", ("{\"hello\":\"" + run + "\"}").getBytes(StandardCharsets.UTF_8));
    garbage.put("unknown-type", cloudEvent("io.eventca.something-else.v1", "{\"caId\":\"" + key + "\",\"requestId\":\"bad-" + run
        + "-type\"}"));
    garbage.put("wrong-schema", cloudEvent("io.eventca.certificate-requested.v1", "{\"caId\":\"" + key + "\",\"requestId\":\"bad-" + run
        + "-schema\",\"profile\":\"server\",\"validityDays\":\"many\"}"));
    garbage.put("missing-csr", cloudEvent("io.eventca.certificate-requested.v1", "{\"caId\":\"" + key + "\",\"requestId\":\"bad-"
        + run + "-nocsr\",\"profile\":\"server\",\"validityDays\":30,\"requestedBy\":\"svc-1\",\"requestedAt\":\"2026-01-01T00:00:00Z\"}"));
    garbage.put("unknown-ca", codec.encode(request(CaId.random(), new RequestId("bad-" + run + "-ca"), validCsr)));
    garbage.put("not-a-csr", codec.encode(request(ca.caId(), new RequestId("bad-" + run + "-csr"), "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n")));
    garbage.put("csr-signature-fails", codec.encode(request(ca.caId(), new RequestId("bad-" + run + "-sig"), TestCsrs.tamperedSignature(validCsr))));
    garbage.put("oversized", ("{\"data\":{\"requestId\":\"bad-" + run + "-big\"},\"pad\":\"" + "x".repeat(100_000) + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    garbage.values().forEach(value -> feed.add(new ProducerRecord<>(Topic.REQUESTS.topicName(), key, value)));
    Collections.shuffle(feed);
    RequestId last = new RequestId("last-" + run);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(KafkaBroker.bootstrapServers(), "mix"))) {
      for (ProducerRecord<String, byte[]> record : feed) {
        producer.send(record);
      }
      producer.send(codec.toRecord(request(ca.caId(), last, Csrs.csrPem(Csrs.ecP256(), "CN=last.fleet.internal")))).get();
    }

    // The request sent after all the garbage is answered: the line kept going.
    awaitRecords(Topic.REPLIES, r -> ("svc-1/" + last.value()).equals(r.key()), 1);
    List<Event> facts = readAll(Topic.ISSUANCE);
    List<CertificateIssued> issued = facts.stream().filter(e -> e instanceof CertificateIssued i && valid.contains(i.requestId().value()))
        .map(CertificateIssued.class::cast).toList();
    assertThat(issued).hasSize(20);
    assertThat(issued.stream().map(CertificateIssued::serialNumber).distinct()).hasSize(20);
    List<ConsumerRecord<String, byte[]>> replies = readRecords(Topic.REPLIES);
    Map<String, List<Event>> validReplies = replies.stream().filter(r -> valid.contains(requestIdOf(r.key())))
        .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(FleetRepliesTest::decode, Collectors.toList())));
    assertThat(validReplies).hasSize(20).allSatisfy((id, answers) -> assertThat(answers).singleElement().isInstanceOf(CertificateDelivered.class));

    List<RequestDeadLettered> dead = readAll(Topic.DEAD_LETTERS).stream().map(RequestDeadLettered.class::cast)
        .filter(d -> d.requestId() == null ? d.originalBase64() != null && isOurs(d, run) : d.requestId().value().contains(run))
        .toList();
    assertThat(dead.stream().map(RequestDeadLettered::code).collect(Collectors.toList()))
        .containsExactlyInAnyOrder("unreadable-request", "unreadable-request", "unreadable-request", "unreadable-request",
            "unreadable-request", "unknown-ca", "bad-csr", "csr-signature-invalid", "too-large");
    Map<String, String> refusals = replies.stream().filter(r -> requestIdOf(r.key()).startsWith("bad-" + run))
        .collect(Collectors.toMap(r -> requestIdOf(r.key()), r -> ((CertificateRequestRefused) decode(r)).code()));
    assertThat(refusals).containsEntry("bad-" + run + "-type", "unreadable-request")
        .containsEntry("bad-" + run + "-schema", "unreadable-request")
        .containsEntry("bad-" + run + "-nocsr", "unreadable-request")
        .containsEntry("bad-" + run + "-ca", "unknown-ca")
        .containsEntry("bad-" + run + "-csr", "bad-csr")
        .containsEntry("bad-" + run + "-sig", "csr-signature-invalid")
        .doesNotContainKey("bad-" + run + "-big");
    assertThat(facts.stream().filter(e -> e instanceof CertificateRejected r && r.requestId().value().startsWith("bad-" + run)))
        .as("only readable requests leave facts").hasSize(3);
  }

  /** Dead letters without a request id (not JSON, not a CloudEvent) are told apart by the run id in their content. */
  private static boolean isOurs(RequestDeadLettered dead, String run) {
    return new String(java.util.Base64.getDecoder().decode(dead.originalBase64()), StandardCharsets.UTF_8).contains(run);
  }

  private static byte[] cloudEvent(String type, String data) {
    return ("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/test\",\"type\":\"" + type
        + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static Event decode(ConsumerRecord<String, byte[]> record) {
    return EventCodec.decode(record.headers(), record.value()).payload();
  }

  private static List<Event> readAll(Topic topic) {
    return readRecords(topic).stream().map(FleetRepliesTest::decode).toList();
  }

  /** Every committed record of the topic, from the beginning to its end now. */
  private static List<ConsumerRecord<String, byte[]>> readRecords(Topic topic) {
    return readRecords(topic.topicName());
  }

  private static List<ConsumerRecord<String, byte[]>> readRecords(String topic) {
    Properties props = KafkaClients.consumer(KafkaBroker.bootstrapServers(), "unused", "fleet-test-" + UUID.randomUUID());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(WAIT);
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()) && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static List<ConsumerRecord<String, byte[]>> awaitRecords(Topic topic, Predicate<ConsumerRecord<String, byte[]>> match, int atLeast) {
    Instant deadline = Instant.now().plus(WAIT);
    List<ConsumerRecord<String, byte[]>> found = List.of();
    while (Instant.now().isBefore(deadline)) {
      found = readRecords(topic).stream().filter(match).toList();
      if (found.size() >= atLeast) {
        return found;
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("only " + found.size() + " of " + atLeast + " records on " + topic.topicName());
  }
}
