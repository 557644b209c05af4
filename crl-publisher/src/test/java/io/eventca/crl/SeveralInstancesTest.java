package io.eventca.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventca.custody.KekWrappedCustody;
import io.eventca.events.RevocationReason;
import io.eventca.events.Topic;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.crl.RevocationPublished;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.service.KafkaClients;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Several crl-publisher instances on one real broker (and the Quarkus one, when it runs in this JVM): given CAs
 * whose certificates are revoked in waves while instances stop and start, then every CRL number of a CA is
 * used once, each CA's CRLs rise in log order, and the last full CRL lists every revocation.
 */
class SeveralInstancesTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int CAS = 4;
  private static final int WAVES = 4;
  private static final int PER_WAVE = 5;

  @Test
  void crlNumbersStayStrictlyIncreasingWhileInstancesComeAndGo() throws Exception {
    String bootstrap = KafkaBroker.bootstrapServers();
    KekWrappedCustody custody = KekWrappedCustody.fromBase64("kek-1", TestCa.TEST_KEK);
    TestCrlConfig config = TestCrlConfig.defaults();
    List<TestCa> cas = new ArrayList<>();
    List<PublisherNode> nodes = new ArrayList<>();
    try (EventProbe probe = new EventProbe(bootstrap)) {
      nodes.add(node(bootstrap, "a", custody, config));
      nodes.add(node(bootstrap, "b", custody, config));
      for (int i = 0; i < CAS; i++) {
        TestCa ca = TestCa.rsa();
        cas.add(ca);
        probe.publish(ca.created());
        probe.publish(ca.keyStored());
      }
      int serial = 1;
      for (int wave = 0; wave < WAVES; wave++) {
        for (TestCa ca : cas) {
          for (int i = 0; i < PER_WAVE; i++) {
            probe.publish(new CertificateRevoked(ca.caId(), SerialNumber.of(BigInteger.valueOf(serial++)), RevocationReason.superseded,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), null, "operator-1"));
          }
        }
        // Hand CAs over while revocations are in flight: one instance leaves, a new one joins.
        nodes.remove(0).close();
        nodes.add(node(bootstrap, "wave-" + wave, custody, config));
        Thread.sleep(700);
      }

      int perCa = WAVES * PER_WAVE;
      for (TestCa ca : cas) {
        probe.await(Topic.CRLS, CrlPublished.class,
            c -> c.caId().equals(ca.caId()) && !c.isDelta() && c.revokedCount() == perCa, WAIT);
        List<RevocationPublished> feed = probe.awaitAll(Topic.REVOCATION_FEED, RevocationPublished.class,
            r -> r.caId().equals(ca.caId()), perCa, WAIT);
        assertThat(feed.stream().map(RevocationPublished::serialNumber).distinct()).hasSize(perCa);
      }
    } finally {
      nodes.forEach(PublisherNode::close);
    }

    readCrlNumbers(cas);
    for (TestCa ca : cas) {
      List<Long> numbers = byCa.getOrDefault(ca.caId(), List.of());
      assertThat(numbers).as("CA %s published full and delta CRLs", ca.caId()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(numbers).as("every number of CA %s once", ca.caId()).doesNotHaveDuplicates();
    }
    for (Map.Entry<String, List<Long>> key : byRecordKey.entrySet()) {
      assertThat(key.getValue()).as("the CRLs keyed %s in log order", key.getKey()).isSorted();
    }
  }

  private final Map<String, List<Long>> byRecordKey = new HashMap<>();
  private final Map<CaId, List<Long>> byCa = new HashMap<>();

  /** Reads eventca.crls whole (committed records only) and files each CRL number under its record key and CA. */
  private void readCrlNumbers(List<TestCa> cas) {
    Set<CaId> ours = cas.stream().map(TestCa::caId).collect(Collectors.toSet());
    Properties props = KafkaClients.consumer(KafkaBroker.bootstrapServers(), "unused", "several-instances-" + UUID.randomUUID());
    props.remove(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topic.CRLS.topicName(), Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Set<TopicPartition> done = new HashSet<>();
      Instant deadline = Instant.now().plus(WAIT);
      while (done.size() < partitions.size() && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          CrlPublished crl = EventCodec.decode(record.headers(), record.value()).payloadAs(CrlPublished.class);
          if (ours.contains(crl.caId())) {
            byRecordKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(crl.crlNumber());
            byCa.computeIfAbsent(crl.caId(), k -> new ArrayList<>()).add(crl.crlNumber());
          }
        }
        for (TopicPartition partition : partitions) {
          if (consumer.position(partition) >= end.get(partition)) {
            done.add(partition);
          }
        }
      }
      assertThat(done).as("read eventca.crls to its end").hasSize(partitions.size());
    }
  }

  private static PublisherNode node(String bootstrap, String name, KekWrappedCustody custody, TestCrlConfig config) {
    PublisherNode node = new PublisherNode(bootstrap, "test-" + name, 6, (short) 1, custody, config);
    await().atMost(WAIT).until(node::isReady);
    return node;
  }
}
