package io.eventca.issuer;

import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.envelope.EventCodec;
import io.eventca.service.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Everything committed on a topic right now, for "exactly one" assertions that EventProbe's await cannot make. */
final class TopicContents {
  private TopicContents() {}

  static List<Event> readAll(String bootstrap, Topic topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(KafkaClients.consumer(bootstrap, "contents-" + UUID.randomUUID(), "contents"))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<Event> events = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("could not read " + topic.topicName() + " to its end");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          events.add(EventCodec.decode(record.headers(), record.value()).payload());
        }
      }
      return events;
    }
  }
}
