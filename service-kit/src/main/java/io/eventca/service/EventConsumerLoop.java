package io.eventca.service;

import io.eventca.events.envelope.Envelope;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.envelope.UnreadableEventException;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads events from topics on a thread of its own and hands each decoded event to a handler, committing
 * offsets after each handled batch (at-least-once: handlers must be idempotent). A record that is not an
 * eventca event is logged and skipped, never retried forever; a handler failure is retried a few times,
 * then logged and skipped so one bad fact cannot stop a projection.
 */
public final class EventConsumerLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EventConsumerLoop.class);
  private static final int ATTEMPTS = 3;

  /** Handles one event; may throw to ask for a retry. */
  @FunctionalInterface
  public interface Handler {
    void handle(ConsumerRecord<String, byte[]> record, Envelope envelope) throws Exception;
  }

  private final String name;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Handler handler;
  private final Thread thread;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private volatile boolean running = true;

  private EventConsumerLoop(String name, Properties props, Collection<String> topics, Handler handler) {
    this.name = name;
    this.consumer = new KafkaConsumer<>(props);
    this.handler = handler;
    this.consumer.subscribe(
        topics,
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.countDown();
          }
        });
    this.thread = new Thread(this::run, name);
  }

  public static EventConsumerLoop start(String name, Properties props, Collection<String> topics, Handler handler) {
    EventConsumerLoop loop = new EventConsumerLoop(name, props, topics, handler);
    loop.thread.setDaemon(true);
    loop.thread.start();
    return loop;
  }

  /** True once the group has given this consumer its partitions. */
  public boolean awaitAssignment(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> record : records) {
          handleOne(record);
        }
        if (!records.isEmpty()) {
          consumer.commitSync();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.errorf(e, "%s: unexpected wakeup", name);
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "%s: consumer loop stopped", name);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handleOne(ConsumerRecord<String, byte[]> record) {
    Envelope envelope;
    try {
      envelope = EventCodec.decode(record.headers(), record.value());
    } catch (UnreadableEventException e) {
      LOG.warnf("%s: skipping unreadable record %s-%d@%d (%s): %s",
          name, record.topic(), record.partition(), record.offset(), e.code(), e.getMessage());
      return;
    }
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        handler.handle(record, envelope);
        return;
      } catch (Exception e) {
        if (attempt == ATTEMPTS) {
          LOG.errorf(e, "%s: giving up on %s at %s-%d@%d", name, envelope.type(), record.topic(), record.partition(), record.offset());
        } else {
          LOG.warnf("%s: attempt %d at %s failed (%s), retrying", name, attempt, envelope.type(), e.toString());
          sleep(200L * attempt);
        }
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
