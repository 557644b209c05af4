package io.eventca.ca.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventca.events.envelope.EventCodec;
import io.eventca.service.EventConsumerLoop;
import io.eventca.service.KafkaClients;
import io.eventca.service.StuckPartitions;
import io.eventca.events.ids.CaId;
import io.eventca.events.registry.CaRetired;
import io.eventca.testkit.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * service-kit's loop as the projection uses it, against a real broker: a poll's events go to the batch handler at once; when it fails they are handled one
 * by one, and one that keeps failing stops its partition there, so nothing behind it is applied and nothing skipped.
 */
class EventConsumerLoopTest {
  private final EventCodec codec = new EventCodec("loop-test");

  /** A topic of one partition holding five events, whose reasons are "0" to "4". */
  private String topicWithFiveEvents() throws Exception {
    String topic = "eventca.loop-test-" + UUID.randomUUID();
    try (Admin admin = Admin.create(KafkaClients.admin(KafkaBroker.bootstrapServers(), "loop-test-admin"))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    CaId ca = CaId.random();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(KafkaBroker.bootstrapServers(), "loop-test"))) {
      for (int i = 0; i < 5; i++) {
        producer.send(codec.toRecord(topic, new CaRetired(ca, String.valueOf(i), "test", Instant.now()))).get();
      }
    }
    return topic;
  }

  private static Properties consumer() {
    Properties props = KafkaClients.consumer(KafkaBroker.bootstrapServers(), "loop-test-" + UUID.randomUUID(), "loop-test");
    props.put("max.poll.records", "5");
    return props;
  }

  private static String reason(EventConsumerLoop.Item item) {
    return ((CaRetired) item.envelope().payload()).reason();
  }

  @Test
  void givenFiveEvents_whenTheBatchHandlerTakesThem_thenAllAreHandledTogetherAndNoneOneByOne() throws Exception {
    String topic = topicWithFiveEvents();
    List<String> batched = new CopyOnWriteArrayList<>();
    AtomicInteger oneByOne = new AtomicInteger();
    AtomicInteger batches = new AtomicInteger();
    StuckPartitions stuck = new StuckPartitions("loop-test", List.of(), Clock.systemUTC());

    try (EventConsumerLoop loop = EventConsumerLoop.start("loop-test", consumer(), List.of(topic),
        (record, envelope) -> oneByOne.incrementAndGet(),
        items -> {
          batches.incrementAndGet();
          items.forEach(item -> batched.add(reason(item)));
        },
        stuck)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> batched.size() == 5);
    }

    assertThat(batched).containsExactly("0", "1", "2", "3", "4");
    assertThat(batches.get()).as("polls with events").isLessThanOrEqualTo(5);
    assertThat(oneByOne.get()).isZero();
    assertThat(stuck.current()).isEmpty();
  }

  @Test
  void givenABatchThatFails_whenOneEventKeepsFailing_thenTheOnesBeforeItApply_itsPartitionStopsThere_andNothingBehindItApplies() throws Exception {
    String topic = topicWithFiveEvents();
    List<String> applied = new CopyOnWriteArrayList<>();
    StuckPartitions stuck = new StuckPartitions("loop-test", List.of(), Clock.systemUTC());

    try (EventConsumerLoop loop = EventConsumerLoop.start("loop-test", consumer(), List.of(topic),
        (record, envelope) -> {
          if (((CaRetired) envelope.payload()).reason().equals("2")) {
            throw new IllegalStateException("event 2 cannot be applied");
          }
          applied.add(((CaRetired) envelope.payload()).reason());
        },
        items -> {
          throw new IllegalStateException("the batch transaction failed");
        },
        stuck)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> !stuck.current().isEmpty());
      Thread.sleep(1500); // polls go on: events 3 and 4 must still not be applied
      assertThat(applied).containsExactly("0", "1");
      assertThat(stuck.current()).hasSize(1);
    }
  }
}
