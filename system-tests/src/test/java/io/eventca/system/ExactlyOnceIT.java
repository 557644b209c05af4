package io.eventca.system;

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
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.service.KafkaClients;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly once under crashes: two packaged issuer-workers share the request partitions; while 2,000 requests
 * flow, one of them is killed with SIGKILL three times and restarted under the same instance id (which fences
 * its dead predecessor's transaction). In the end every request has exactly one outcome on the log, no serial
 * appears twice, and the count of CertificateIssued facts equals the count of distinct issued requests.
 */
class ExactlyOnceIT {
  private static final Path ROOT = Path.of(System.getProperty("eventca.root", "..")).toAbsolutePath().normalize();
  private static final int REQUESTS = 2000;
  private static final int KILLS = 3;
  private static final Duration DEADLINE = Duration.ofMinutes(8);

  private static final Map<String, ServiceProcess> WORKERS = new ConcurrentHashMap<>();
  private static Map<String, String> env;
  private static Path logs;

  @BeforeAll
  static void startTwoWorkers() throws Exception {
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    env = Map.of(
        "EVENTCA_KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.bootstrapServers(),
        "EVENTCA_CUSTODY_KEK", Base64.getEncoder().encodeToString(kek),
        "EVENTCA_CRL_BASE_URL", "http://crl.invalid");
    logs = Files.createDirectories(ROOT.resolve("system-tests/target/system-logs/exactly-once"));
    for (String instance : List.of("worker-a", "worker-b")) {
      WORKERS.put(instance, startWorker(instance));
    }
    for (ServiceProcess worker : WORKERS.values()) {
      worker.awaitReady(Duration.ofSeconds(120));
    }
  }

  private static ServiceProcess startWorker(String instance) throws Exception {
    Map<String, String> withId = new HashMap<>(env);
    withId.put("EVENTCA_ISSUER_INSTANCE_ID", instance);
    return ServiceProcess.start(ROOT, "issuer-worker", instance, withId, logs);
  }

  @AfterAll
  static void stopWorkers() throws Exception {
    for (ServiceProcess worker : WORKERS.values()) {
      worker.close();
    }
  }

  @Test
  void killedWorkersLeaveEveryRequestWithExactlyOneOutcome_andNoSerialTwice() throws Exception {
    CaId ca = CaId.random();
    try (EventProbe probe = new EventProbe(KafkaBroker.bootstrapServers())) {
      probe.publish(new CaCreationRequested(ca, SubjectName.ofCommonName("Exactly Once CA"), KeyAlgorithm.EC, 256, "sha256", 365,
          "exactly-once-it", Instant.now()));
      probe.await(Topic.ISSUANCE, CaCreated.class, e -> e.caId().equals(ca), Duration.ofSeconds(120));
    }
    List<CertificateRequested> requests = requests(ca);
    Set<RequestId> ids = new HashSet<>();
    requests.forEach(r -> ids.add(r.requestId()));

    Set<RequestId> answered = ConcurrentHashMap.newKeySet();
    Thread counter = follow(Topic.ISSUANCE, e -> {
      if (e instanceof CertificateIssued i && ids.contains(i.requestId())) {
        answered.add(i.requestId());
      } else if (e instanceof CertificateRejected r && ids.contains(r.requestId())) {
        answered.add(r.requestId());
      }
    });
    Thread publisher = new Thread(() -> publish(requests), "publisher");
    publisher.start();

    // When: SIGKILL a worker at 40 %, 60 % and 80 % of the answers, and start it again under the same id.
    Instant deadline = Instant.now().plus(DEADLINE);
    for (int kill = 1; kill <= KILLS; kill++) {
      int threshold = REQUESTS * (kill + 1) / 5;
      while (answered.size() < threshold && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      String victim = kill % 2 == 1 ? "worker-a" : "worker-b";
      WORKERS.get(victim).kill();
      WORKERS.put(victim, startWorker(victim));
    }
    while (answered.size() < REQUESTS && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    publisher.join();
    counter.interrupt();
    assertThat(answered).as("requests answered before the deadline").hasSize(REQUESTS);

    // Then: read the whole log (committed records only) and count.
    List<CertificateIssued> issued = new ArrayList<>();
    List<CertificateRejected> rejected = new ArrayList<>();
    readAll(Topic.ISSUANCE, e -> {
      if (e instanceof CertificateIssued i && ids.contains(i.requestId())) {
        issued.add(i);
      } else if (e instanceof CertificateRejected r && ids.contains(r.requestId())) {
        rejected.add(r);
      }
    });
    assertThat(rejected).as("nothing is rejected").isEmpty();
    assertThat(issued).as("one CertificateIssued per request, none twice").hasSize(REQUESTS);
    assertThat(issued.stream().map(CertificateIssued::requestId).distinct().count()).isEqualTo(REQUESTS);
    assertThat(issued.stream().map(CertificateIssued::serialNumber).distinct().count()).as("no serial twice").isEqualTo(REQUESTS);
    // And every request has exactly one answer on the reply topic, written in the same transactions.
    Map<RequestId, Integer> answers = new HashMap<>();
    readAll(Topic.REPLIES, e -> {
      if (e instanceof io.eventca.events.fleet.CertificateDelivered d && ids.contains(d.requestId())) {
        answers.merge(d.requestId(), 1, Integer::sum);
      }
    });
    assertThat(answers).as("answered requests").hasSize(REQUESTS);
    assertThat(answers.values()).as("answers per request").containsOnly(1);
    for (ServiceProcess worker : WORKERS.values()) {
      assertThat(worker.logText()).doesNotContain("PRIVATE KEY");
    }
  }

  private static List<CertificateRequested> requests(CaId ca) {
    List<KeyPair> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add(Csrs.ecP256());
    }
    List<CertificateRequested> out = new ArrayList<>();
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < REQUESTS; i++) {
      String host = "node-" + i + ".fleet.internal";
      out.add(new CertificateRequested(ca, new RequestId("eo-" + run + "-" + i), Csrs.csrPem(keys.get(i % keys.size()), "CN=" + host),
          "server", 30, "exactly-once-it", Instant.now(), null));
    }
    return out;
  }

  /** Publishes in waves, so kills land while requests are still arriving. */
  private static void publish(List<CertificateRequested> requests) {
    EventCodec codec = new EventCodec("exactly-once-it");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(KafkaClients.producer(KafkaBroker.bootstrapServers(), "exactly-once-publisher"))) {
      for (int i = 0; i < requests.size(); i++) {
        producer.send(codec.toRecord(requests.get(i)));
        if (i % 100 == 99) {
          producer.flush();
          Thread.sleep(500);
        }
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread follow(Topic topic, Consumer<Event> sink) {
    Thread thread = new Thread(() -> {
      try (KafkaConsumer<String, byte[]> consumer = consumer(topic)) {
        while (!Thread.currentThread().isInterrupted()) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            sink.accept(EventCodec.decode(record.headers(), record.value()).payload());
          }
        }
      } catch (org.apache.kafka.common.errors.InterruptException e) {
        // stopped
      }
    }, "follow-" + topic.topicName());
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Everything committed on the topic now, from the beginning. */
  private static void readAll(Topic topic, Consumer<Event> sink) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(topic)) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        assertThat(Instant.now()).as("reading " + topic.topicName() + " to its end").isBefore(deadline);
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          sink.accept(EventCodec.decode(record.headers(), record.value()).payload());
        }
      }
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(Topic topic) {
    Properties props = KafkaClients.consumer(KafkaBroker.bootstrapServers(), "unused", "exactly-once-reader-" + UUID.randomUUID());
    props.remove(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG);
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }
}
