package io.eventca.ca.log;

import io.eventca.service.KafkaConfig;
import io.eventca.events.Event;
import io.eventca.events.Topics;
import io.eventca.events.envelope.EventCodec;
import io.eventca.service.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The one way ca-service records a fact: append it to its topic and wait for the broker's acknowledgement. */
@ApplicationScoped
public class EventLog {
  private final KafkaConfig config;
  private final EventCodec codec = new EventCodec("ca-service");
  private KafkaProducer<String, byte[]> producer;

  public EventLog(KafkaConfig config) {
    this.config = config;
  }

  void start(@Observes @Priority(10) StartupEvent ignored) {
    try (Admin admin = Admin.create(KafkaClients.admin(config.bootstrapServers(), "ca-service-admin"))) {
      Topics.ensureAll(admin, config.partitions(), config.replicationFactor());
    }
    producer = new KafkaProducer<>(KafkaClients.producer(config.bootstrapServers(), "ca-service"));
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }

  /** Returns once the event is durably in the log. Blocking: call from a worker thread. */
  public void append(Event event) {
    try {
      producer.send(codec.toRecord(event)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recording " + event.getClass().getSimpleName(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot record " + event.getClass().getSimpleName() + " in Kafka", e);
    }
  }
}
