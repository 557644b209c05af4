package io.eventca.ca.projection;

import io.eventca.ca.config.KafkaConfig;
import io.eventca.ca.model.Db;
import io.eventca.events.Topic;
import io.eventca.service.EventConsumerLoop;
import io.eventca.service.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Feeds the event log into the read model. One consumer group for every ca-service instance: the
 * projection is shared in PostgreSQL, so each event needs applying once (and applying twice is harmless).
 */
@ApplicationScoped
public class ProjectionRunner {
  static final String GROUP = "eventca-ca-service-projection";

  private final KafkaConfig config;
  private final Projector projector;
  private final Outcomes outcomes;
  private EventConsumerLoop loop;

  public ProjectionRunner(KafkaConfig config, Projector projector, Outcomes outcomes) {
    this.config = config;
    this.projector = projector;
    this.outcomes = outcomes;
  }

  void start(@Observes @Priority(20) StartupEvent ignored) {
    loop =
        EventConsumerLoop.start(
            "ca-service-projection",
            KafkaClients.consumer(config.bootstrapServers(), GROUP, "ca-service-projection"),
            List.of(Topic.REQUESTS.topicName(), Topic.ISSUANCE.topicName(), Topic.REVOCATIONS.topicName(), Topic.REGISTRY.topicName()),
            (record, envelope) -> {
              Projector.Applied applied = Db.inTransaction(() -> projector.apply(envelope));
              applied.settles().ifPresent(outcomes::arrived);
            });
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (loop != null) {
      loop.close();
    }
  }
}
