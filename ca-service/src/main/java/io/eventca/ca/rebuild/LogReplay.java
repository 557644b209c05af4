package io.eventca.ca.rebuild;

import io.eventca.events.envelope.EventCodec;
import io.eventca.events.envelope.UnreadableEventException;
import io.eventca.service.EventConsumerLoop;
import io.eventca.service.StuckPartitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the projection's topics from their beginning, in no consumer group (the live projection's offsets are not
 * touched), committed records only, up to an end taken when asked: the whole log as it stood then.
 */
final class LogReplay implements AutoCloseable {
  /** Applies the decoded events of one poll, all or nothing. */
  interface Batch {
    void apply(List<EventConsumerLoop.Item> items) throws Exception;
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final StuckPartitions skips;
  private final List<TopicPartition> partitions = new ArrayList<>();
  private final Map<TopicPartition, Long> beginning;

  LogReplay(Properties groupless, List<String> topics, StuckPartitions skips) {
    this.consumer = new KafkaConsumer<>(groupless);
    this.skips = skips;
    for (String topic : topics) {
      for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.beginning = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
  }

  /** Where the log ends now (for committed records: the last stable offset). */
  Map<TopicPartition, Long> end() {
    return consumer.endOffsets(partitions, Duration.ofSeconds(30));
  }

  /** How many records lie between the beginning and {@code end}. */
  long size(Map<TopicPartition, Long> end) {
    return partitions.stream().mapToLong(p -> end.get(p) - beginning.get(p)).sum();
  }

  /** How many records were read so far. */
  long read() {
    return partitions.stream().mapToLong(p -> consumer.position(p) - beginning.get(p)).sum();
  }

  /**
   * Reads up to {@code end}, handing each poll's events to {@code batch}; {@code progress} hears the records read so far
   * after each. A record that cannot be decoded fails the replay (nothing is skipped that the operator did not list).
   */
  void readTo(Map<TopicPartition, Long> end, Batch batch, LongConsumer progress) throws Exception {
    List<TopicPartition> open = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition) < end.get(partition)) {
        open.add(partition);
      }
    }
    consumer.pause(partitions);
    consumer.resume(open);
    while (!open.isEmpty()) {
      ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
      List<EventConsumerLoop.Item> items = new ArrayList<>(records.count());
      java.util.Set<TopicPartition> beyond = new java.util.HashSet<>();
      for (ConsumerRecord<String, byte[]> record : records) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() >= end.get(partition)) {
          beyond.add(partition); // for the next readTo: read again from the end
          continue;
        }
        if (skips.skippedByOperator(record)) {
          continue;
        }
        try {
          items.add(new EventConsumerLoop.Item(record, EventCodec.decode(record.headers(), record.value())));
        } catch (UnreadableEventException e) {
          throw new IllegalStateException("an unreadable record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
              + " (" + e.code() + "); list it in eventca.projection.skip-records if the live projection skips it too", e);
        }
      }
      if (!items.isEmpty()) {
        batch.apply(items);
      }
      beyond.forEach(partition -> consumer.seek(partition, end.get(partition)));
      for (TopicPartition partition : List.copyOf(open)) {
        if (consumer.position(partition) >= end.get(partition)) {
          open.remove(partition);
          consumer.pause(List.of(partition));
        }
      }
      progress.accept(read());
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
