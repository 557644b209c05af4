package io.eventca.ca.projection;

import io.eventca.service.KafkaConfig;
import io.eventca.ca.config.ProjectionConfig;
import io.eventca.ca.model.Db;
import io.eventca.events.Topic;
import io.eventca.service.EventConsumerLoop;
import io.eventca.service.KafkaClients;
import io.eventca.service.StuckPartitions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import io.smallrye.mutiny.Uni;

/**
 * Feeds the event log into the read model. One consumer group for every ca-service instance: the
 * projection is shared in PostgreSQL, so each event needs applying once (and applying twice is harmless). The events of
 * a poll are applied in one transaction; if that fails, they are applied one by one, each in its own.
 * An event that cannot be applied stops its partition ({@link StuckPartitions}): readiness goes DOWN with the
 * record and the error ({@link ProjectionReadiness}), the metrics below count it, and it is retried until it applies.
 */
@ApplicationScoped
public class ProjectionRunner {
  static final String GROUP = "eventca-ca-service-projection";
  /** What the read model is made of; a rebuild replays the same (ReadModelRebuild). */
  public static final List<String> TOPICS =
      List.of(Topic.REQUESTS.topicName(), Topic.ISSUANCE.topicName(), Topic.REVOCATIONS.topicName(), Topic.REGISTRY.topicName());

  private final KafkaConfig config;
  private final Projector projector;
  private final Outcomes outcomes;
  private final StuckPartitions stuck;
  private EventConsumerLoop loop;

  public ProjectionRunner(KafkaConfig config, ProjectionConfig projection, Projector projector, Outcomes outcomes, MeterRegistry meters) {
    this.config = config;
    this.projector = projector;
    this.outcomes = outcomes;
    this.stuck = new StuckPartitions("ca-service-projection", projection.skipRecords().orElse(List.of()), Clock.systemUTC());
    Gauge.builder("eventca_projection_stuck_partitions", stuck, s -> s.current().size())
        .description("Partitions the projection stopped at an event it cannot apply").register(meters);
    FunctionCounter.builder("eventca_projection_apply_failures", stuck, StuckPartitions::failures)
        .description("Failed attempts to apply an event to the read model").register(meters);
  }

  void start(@Observes @Priority(20) StartupEvent ignored) {
    loop =
        EventConsumerLoop.start(
            "ca-service-projection",
            KafkaClients.consumer(config.bootstrapServers(), GROUP, "ca-service-projection"),
            TOPICS,
            (record, envelope) -> {
              Projector.Applied applied = Db.inTransaction(() -> projector.apply(envelope, position(record)));
              applied.settles().ifPresent(outcomes::arrived);
            },
            this::applyAll,
            stuck);
  }

  /**
   * A poll's events in one transaction, applied one after the other in the same session (a later event sees what an
   * earlier one wrote); the waiters are told only after the commit. One wait per poll, not per event.
   */
  private void applyAll(List<EventConsumerLoop.Item> items) {
    List<String> settled = Db.inTransaction(() -> {
      Uni<List<String>> chain = Uni.createFrom().item(new ArrayList<>());
      for (EventConsumerLoop.Item item : items) {
        chain = chain.flatMap(done -> projector.applyInBatch(item.envelope(), position(item.record())).map(applied -> {
          applied.settles().ifPresent(done::add);
          return done;
        }));
      }
      return chain;
    });
    settled.forEach(outcomes::arrived);
  }

  private static LogPosition position(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
    return new LogPosition(record.topic(), record.partition(), record.offset(), java.time.Instant.ofEpochMilli(record.timestamp()));
  }

  StuckPartitions stuck() {
    return stuck;
  }

  boolean running() {
    return loop != null && loop.isRunning();
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (loop != null) {
      loop.close();
    }
  }
}
