package io.eventca.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventca.events.Event;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.fleet.RequestDeadLettered;
import io.eventca.events.ids.CaId;
import io.eventca.service.KafkaClients;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.HostileRequests;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile-input catalogue over Kafka (hostile-requests/cases.json, a CloudEvent template and the CSR fixtures of
 * request-checks' hostile-csr/, made by its HostileCsrFixtures). Given an ACTIVE CA, when every hostile record is
 * published to eventca.requests on the real broker, followed by one valid request, then the valid one is delivered
 * (the worker kept answering), and each hostile one got the row's refusal on eventca.replies (none where no request id
 * can be read), a RequestDeadLettered with the row's code where docs/FLEET.md says garbage is dead-lettered, and no
 * CertificateIssued.
 */
@QuarkusTest
@QuarkusTestResource(RealKafka.class)
class HostileRequestsTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TestFactory
  Stream<DynamicTest> everyHostileRequestIsRefusedAndNothingIsIssued_andTheWorkerKeepsAnswering() throws Exception {
    // Given an ACTIVE CA (EC P-256, 365 days).
    String run = UUID.randomUUID().toString().substring(0, 8);
    CaCreated ca;
    try (EventProbe probe = new EventProbe(KafkaBroker.bootstrapServers())) {
      CaCreationRequested create = new CaCreationRequested(CaId.random(), SubjectName.ofCommonName("Hostile Input CA"), KeyAlgorithm.EC,
          256, "sha256", 365, "ops", Instant.now());
      probe.publish(create);
      ca = probe.await(Topic.ISSUANCE, CaCreated.class, e -> e.caId().equals(create.caId()), WAIT);
      // Rows with asRequester are held to the policy of the template's requester, which may have the fixtures' names only.
      probe.publish(TestRequesters.ec("hostile-svc").registered(
          TestRequesters.policy(List.of("*.example.internal"), List.of("server", "client"), 3650, null)));
    }
    String caId = ca.caId().value();
    HostileRequests catalogue = new HostileRequests(HostileRequestsTest::resource);

    // When every hostile record is published, then one valid request (a punycode host name, which is fine).
    Map<String, HostileRequests.Row> byId = new LinkedHashMap<>();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      int n = 0;
      for (HostileRequests.Row c : catalogue.rows()) {
        String id = "hostile-" + run + "-" + n++;
        byId.put(id, c);
        producer.send(new ProducerRecord<>(Topic.REQUESTS.topicName(), caId, catalogue.record(c, caId, id))).get();
      }
      producer.send(new ProducerRecord<>(Topic.REQUESTS.topicName(), caId,
          catalogue.valid(caId, "valid-" + run, "good-p256.csr", Map.of("host", "xn--bcher-kva.example.internal")))).get();
    }

    // Then the valid request, sent last, is delivered: the line kept going.
    Map<String, List<Event>> replies = awaitReplies("valid-" + run);
    assertThat(replies.get("valid-" + run)).singleElement().isInstanceOf(CertificateDelivered.class);
    List<RequestDeadLettered> deadLetters = read(Topic.DEAD_LETTERS.topicName()).stream().map(HostileRequestsTest::decode)
        .filter(RequestDeadLettered.class::isInstance).map(RequestDeadLettered.class::cast).toList();
    List<CertificateIssued> issued = read(Topic.ISSUANCE.topicName()).stream().map(HostileRequestsTest::decode)
        .filter(CertificateIssued.class::isInstance).map(CertificateIssued.class::cast).toList();
    assertThat(issued).as("the valid request was issued").anySatisfy(i -> assertThat(i.requestId().value()).isEqualTo("valid-" + run));

    // And each hostile record got what its row says, and nothing was issued for it.
    return byId.entrySet().stream().map(entry -> DynamicTest.dynamicTest(
        entry.getValue().category() + ": " + entry.getValue().name(), () -> check(entry.getValue(), entry.getKey(), replies, deadLetters, issued)));
  }

  private static void check(HostileRequests.Row row, String id, Map<String, List<Event>> replies, List<RequestDeadLettered> deadLetters,
      List<CertificateIssued> issued) {
    JsonNode c = row.json();
    List<Event> answers = replies.getOrDefault(id, List.of());
    if (c.hasNonNull("refusal")) {
      assertThat(answers).as("one refusal for " + id).singleElement().isInstanceOfSatisfying(CertificateRequestRefused.class,
          refused -> assertThat(refused.code()).as(refused.detail()).isEqualTo(c.get("refusal").asText()));
    } else {
      assertThat(answers).as("no request id can be read, so no answer").isEmpty();
    }
    List<RequestDeadLettered> dead = deadLetters.stream().filter(d -> concerns(d, id)).toList();
    if (c.hasNonNull("deadLetter")) {
      assertThat(dead).as("one dead letter for " + id).singleElement()
          .satisfies(d -> assertThat(d.code()).as(d.detail()).isEqualTo(c.get("deadLetter").asText()));
    } else {
      assertThat(dead).as("a refusal the requester can fix is no dead letter").isEmpty();
    }
    assertThat(issued).as("nothing issued for " + id).noneSatisfy(i -> assertThat(i.requestId().value()).isEqualTo(id));
  }

  /** A dead letter names the request id when it could be read; otherwise the run's id is in the original bytes. */
  private static boolean concerns(RequestDeadLettered dead, String id) {
    if (dead.requestId() != null && dead.requestId().value().equals(id)) {
      return true;
    }
    return dead.originalBase64() != null
        && new String(Base64.getDecoder().decode(dead.originalBase64()), StandardCharsets.ISO_8859_1).contains(id + "\"")
        || dead.originalBase64() != null
            && new String(Base64.getDecoder().decode(dead.originalBase64()), StandardCharsets.ISO_8859_1).endsWith(id);
  }

  private static Map<String, List<Event>> awaitReplies(String last) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      Map<String, List<Event>> replies = new LinkedHashMap<>();
      for (ConsumerRecord<String, byte[]> r : read(Topic.REPLIES.topicName())) {
        if (r.key() != null) {
          // Keyed <requestedBy>/<requestId>, or by the id alone when no requester could be read.
          replies.computeIfAbsent(r.key().substring(r.key().lastIndexOf('/') + 1), k -> new ArrayList<>()).add(decode(r));
        }
      }
      if (replies.containsKey(last)) {
        return replies;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("no answer to " + last + " within " + WAIT);
  }

  private static Event decode(ConsumerRecord<String, byte[]> record) {
    return EventCodec.decode(record.headers(), record.value()).payload();
  }

  /** Every committed record of the topic, from the beginning to its end now. */
  private static List<ConsumerRecord<String, byte[]>> read(String topic) {
    Properties props = KafkaClients.consumer(KafkaBroker.bootstrapServers(), "unused", "hostile-" + UUID.randomUUID());
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

  private static KafkaProducer<String, byte[]> producer() {
    Properties props = KafkaClients.producer(KafkaBroker.bootstrapServers(), "hostile-" + UUID.randomUUID());
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
    return new KafkaProducer<>(props);
  }

  private static byte[] resource(String name) {
    // CSRs come from the one set of hostile CSR fixtures (request-checks' test jar).
    String resource = name.startsWith("csr/") ? "/hostile-csr/" + name.substring(4) : "/hostile-requests/" + name;
    try (InputStream in = HostileRequestsTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + resource);
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
