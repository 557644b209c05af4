package io.eventca.crl.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventca.events.Topic;
import io.eventca.events.Topics;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.ids.CaId;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ownership on a real broker: a lease taken before a rebalance is refused afterwards, even when the partition
 * comes back to the same instance, because another owner may have numbered CRLs in between.
 */
class PartitionOwnershipTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PARTITIONS = 6;

  @BeforeAll
  static void topics() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
      Topics.ensureAll(admin, PARTITIONS, (short) 1);
    }
  }

  @Test
  void aLeaseFromBeforeARebalanceIsRefused_andAFreshOneWrites() throws Exception {
    String bootstrap = KafkaBroker.bootstrapServers();
    try (PartitionOwnership a = new PartitionOwnership(bootstrap, "lease-a")) {
      await().atMost(WAIT).until(() -> a.ownedPartitions() > 0);
      CaId caId = caOwnedBy(a);
      CrlWriter.Lease before = a.lease(caId);
      assertThat(before).isNotNull();

      try (PartitionOwnership b = new PartitionOwnership(bootstrap, "lease-b")) {
        await().atMost(WAIT).until(() -> b.ownedPartitions() > 0);
        await().atMost(WAIT).until(() -> a.lease(caId) != null || b.lease(caId) != null);

        assertThatThrownBy(() -> a.write(before, List.of(record(caId, 7))))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("changed hands");

        PartitionOwnership owner = a.lease(caId) != null ? a : b;
        owner.write(owner.lease(caId), List.of(record(caId, 8)));
      }
      try (EventProbe probe = new EventProbe(bootstrap)) {
        List<CrlPublished> written = probe.awaitAll(Topic.CRLS, CrlPublished.class, c -> c.caId().equals(caId), 1, WAIT);
        assertThat(written).extracting(CrlPublished::crlNumber).as("the refused write left nothing").containsExactly(8L);
      }
    }
  }

  /** A fresh CA id whose partition {@code owner} holds. */
  private static CaId caOwnedBy(PartitionOwnership owner) {
    while (true) {
      CaId candidate = CaId.random();
      if (owner.lease(candidate) != null) {
        return candidate;
      }
    }
  }

  private static ProducerRecord<String, byte[]> record(CaId caId, long number) {
    Instant now = Instant.now();
    CrlPublished event = new CrlPublished(caId, number, now, now.plusSeconds(60), 0, null, null, "ab".repeat(32), 0L,
        "http://nowhere.example/crls/x.crl");
    return new EventCodec("ownership-test").toRecord(Topic.CRLS.topicName(), event.recordKey(), event);
  }
}
