package io.eventca.events;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the catalogue's topics where they are missing. Every service calls it at start, so start order does not matter. */
public final class Topics {
  private Topics() {}

  public static void ensureAll(Admin admin, int partitions, short replicationFactor) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          Arrays.stream(Topic.values())
              .filter(t -> !existing.contains(t.topicName()))
              .map(t -> new NewTopic(t.topicName(), partitions, replicationFactor).configs(t.config()))
              .toList();
      if (missing.isEmpty()) {
        return;
      }
      admin.createTopics(missing).values().values().forEach(Topics::awaitIgnoringExists);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list Kafka topics", e.getCause());
    }
  }

  private static void awaitIgnoringExists(org.apache.kafka.common.KafkaFuture<Void> future) {
    try {
      future.get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create Kafka topic", e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
