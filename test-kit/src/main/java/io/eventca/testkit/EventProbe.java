package io.eventca.testkit;

import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.envelope.Envelope;
import io.eventca.events.envelope.EventCodec;
import io.eventca.service.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * Given-events / then-events for tests: publishes events as a service would, and reads a topic from the
 * beginning until an expected event shows up.
 */
public final class EventProbe implements AutoCloseable {
  private final String bootstrap;
  private final KafkaProducer<String, byte[]> producer;
  private final EventCodec codec = new EventCodec("test");

  public EventProbe(String bootstrapServers) {
    this.bootstrap = bootstrapServers;
    this.producer = new KafkaProducer<>(KafkaClients.producer(bootstrapServers, "probe-" + UUID.randomUUID()));
  }

  public void publish(Event event) {
    try {
      producer.send(codec.toRecord(event)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish " + event, e);
    }
  }

  /** Publishes on another topic than the event's home, e.g. a request on eventca.fleet-requests. */
  public void publish(Topic topic, Event event) {
    try {
      producer.send(codec.toRecord(topic.topicName(), event)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish " + event + " on " + topic, e);
    }
  }

  /** Waits until an event of {@code type} matching {@code match} is on {@code topic}, and returns it. */
  public <T extends Event> T await(Topic topic, Class<T> type, Predicate<T> match, Duration timeout) {
    List<T> found = awaitAll(topic, type, match, 1, timeout);
    return found.get(0);
  }

  /** Every committed event of {@code type} matching {@code match} on {@code topic} now, read to its end offsets. */
  public <T extends Event> List<T> readAll(Topic topic, Class<T> type, Predicate<T> match) {
    List<T> matches = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records(topic.topicName())) {
      Event payload = EventCodec.decode(record.headers(), record.value()).payload();
      if (type.isInstance(payload) && match.test(type.cast(payload))) {
        matches.add(type.cast(payload));
      }
    }
    return matches;
  }

  /**
   * What a compacted topic keeps: per record key, the last event written under it (a key lives on one partition, read
   * in order), as of now.
   */
  public Map<String, Event> latestByKey(Topic topic) {
    Map<String, Event> latest = new java.util.LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records(topic.topicName())) {
      if (record.key() != null) {
        latest.put(record.key(), EventCodec.decode(record.headers(), record.value()).payload());
      }
    }
    return latest;
  }

  /** Every committed record of {@code topic} now, read to its end offsets. */
  public List<ConsumerRecord<String, byte[]>> records(String topic) {
    Properties props = KafkaClients.consumer(bootstrap, "probe-" + UUID.randomUUID(), "probe");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      Instant deadline = Instant.now().plusSeconds(30);
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("could not read " + topic + " to its end within 30 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** All events of {@code type} matching {@code match} once at least {@code atLeast} of them are on the topic. */
  public <T extends Event> List<T> awaitAll(Topic topic, Class<T> type, Predicate<T> match, int atLeast, Duration timeout) {
    Properties props = KafkaClients.consumer(bootstrap, "probe-" + UUID.randomUUID(), "probe");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<T> matches = new ArrayList<>();
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Envelope envelope = EventCodec.decode(record.headers(), record.value());
          if (type.isInstance(envelope.payload()) && match.test(type.cast(envelope.payload()))) {
            matches.add(type.cast(envelope.payload()));
          }
        }
        if (matches.size() >= atLeast) {
          return matches;
        }
      }
      throw new AssertionError("only " + matches.size() + " of " + atLeast + " " + type.getSimpleName()
          + " on " + topic.topicName() + " within " + timeout);
    }
  }

  /** Raw end offsets, for tests that check nothing new was written. */
  public Map<TopicPartition, Long> endOffsets(Topic topic) {
    Properties props = KafkaClients.consumer(bootstrap, "probe-" + UUID.randomUUID(), "probe");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      return consumer.endOffsets(partitions);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
