package io.eventca.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The rule every log reader follows for an event it cannot apply (a unit test: Kafka's MockConsumer). */
class StuckPartitionsTest {
  private static final TopicPartition P = new TopicPartition("eventca.issuance", 2);
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T10:00:00Z"));
  private final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

  private ConsumerRecord<String, byte[]> at(long offset) {
    return new ConsumerRecord<>(P.topic(), P.partition(), offset, "k", new byte[] {'x'});
  }

  @Test
  void aRecordThatCannotBeAppliedStopsItsPartitionThere_andIsTriedAgainLaterWithAGrowingDelay() {
    consumer.assign(List.of(P));
    consumer.updateBeginningOffsets(Map.of(P, 0L));
    StuckPartitions stuck = new StuckPartitions("test", List.of(), clock);

    stuck.hold(consumer, at(7), "io.eventca.certificate-issued.v1", new IllegalStateException("disk full"));

    assertThat(consumer.paused()).containsExactly(P);
    assertThat(consumer.position(P)).isEqualTo(7);
    assertThat(stuck.healthy()).isFalse();
    assertThat(stuck.behindAStop(at(8))).as("fetched with it, comes again after it").isTrue();
    assertThat(stuck.behindAStop(at(7))).isFalse();
    assertThat(StuckPartitions.describe(stuck.current().iterator().next())).contains("certificate-issued", "disk full", "1 attempts");

    stuck.resumeDue(consumer);
    assertThat(consumer.paused()).as("not before the first delay").containsExactly(P);
    now.set(now.get().plus(StuckPartitions.FIRST_RETRY));
    stuck.resumeDue(consumer);
    assertThat(consumer.paused()).isEmpty();

    stuck.hold(consumer, at(7), "io.eventca.certificate-issued.v1", new IllegalStateException("disk full"));
    assertThat(stuck.current().iterator().next().attempts()).isEqualTo(2);
    assertThat(stuck.current().iterator().next().nextAttempt()).isEqualTo(now.get().plus(StuckPartitions.FIRST_RETRY.multipliedBy(2)));
    assertThat(stuck.failures()).isEqualTo(2);

    stuck.release(at(7));
    assertThat(stuck.healthy()).isTrue();
  }

  @Test
  void theDelayStopsGrowingAtTheMaximum() {
    consumer.assign(List.of(P));
    StuckPartitions stuck = new StuckPartitions("test", List.of(), clock);
    for (int i = 0; i < 20; i++) {
      stuck.hold(consumer, at(3), "x", new RuntimeException());
    }
    assertThat(Duration.between(now.get(), stuck.current().iterator().next().nextAttempt())).isEqualTo(StuckPartitions.MAX_RETRY);
  }

  @Test
  void onlyTheRecordAnOperatorNamesIsSkipped_andTheSkipReleasesItsPartition() {
    consumer.assign(List.of(P));
    StuckPartitions stuck = new StuckPartitions("test", List.of("eventca.issuance-2@7"), clock);
    stuck.hold(consumer, at(7), "x", new RuntimeException());

    assertThat(stuck.skippedByOperator(at(6))).isFalse();
    assertThat(stuck.skippedByOperator(at(7))).isTrue();
    assertThat(stuck.healthy()).isTrue();
  }

  @Test
  void anUnreadableRecordIsHeldLikeAnyOther_neverSkipped() {
    consumer.assign(List.of(P));
    StuckPartitions stuck = new StuckPartitions("test", List.of(), clock);
    stuck.apply(consumer, at(4), envelope -> { throw new AssertionError("not an event"); });
    assertThat(stuck.current()).singleElement().satisfies(s -> {
      assertThat(s.offset()).isEqualTo(4);
      assertThat(s.eventType()).isEqualTo("an unreadable record");
    });
  }
}
