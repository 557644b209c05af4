package io.eventca.service;

import io.eventca.events.envelope.Envelope;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.envelope.UnreadableEventException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * Reads events from topics on a thread of its own and hands the decoded events of each poll to a batch handler (if
 * there is one) or each to a handler, committing offsets after each handled batch (at-least-once: handlers must be idempotent). An event is never skipped: a record
 * that cannot be decoded, or that the handler fails on a few times in a row, stops its partition there
 * ({@link StuckPartitions}) until it applies; the other partitions go on, and {@link #stuck()} says what is wrong.
 */
public final class EventConsumerLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EventConsumerLoop.class);
  private static final int ATTEMPTS = 3;

  /** Handles one event; may throw to ask for a retry. */
  @FunctionalInterface
  public interface Handler {
    void handle(ConsumerRecord<String, byte[]> record, Envelope envelope) throws Exception;
  }

  /** One decoded record of a poll. */
  public record Item(ConsumerRecord<String, byte[]> record, Envelope envelope) {}

  /**
   * Handles all the decoded events of one poll at once (e.g. in one database transaction), all or nothing: when it
   * throws, the loop handles the same events one by one with the {@link Handler}, whose failures stop a partition.
   */
  @FunctionalInterface
  public interface BatchHandler {
    void handleAll(List<Item> items) throws Exception;
  }

  private final String name;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Handler handler;
  private final BatchHandler batchHandler;
  private final Thread thread;
  private final StuckPartitions stuck;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private volatile boolean running = true;

  private EventConsumerLoop(
      String name, Properties props, Collection<String> topics, Handler handler, BatchHandler batchHandler, StuckPartitions stuck) {
    this.name = name;
    this.consumer = new KafkaConsumer<>(props);
    this.handler = handler;
    this.batchHandler = batchHandler;
    this.stuck = stuck;
    this.consumer.subscribe(
        topics,
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            stuck.forget(partitions);
          }

          @Override
          public void onPartitionsLost(Collection<TopicPartition> partitions) {
            stuck.forget(partitions);
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.countDown();
          }
        });
    this.thread = new Thread(this::run, name);
  }

  public static EventConsumerLoop start(String name, Properties props, Collection<String> topics, Handler handler) {
    return start(name, props, topics, handler, new StuckPartitions(name));
  }

  /** @param stuck where the loop records partitions it had to stop, and the records an operator skips */
  public static EventConsumerLoop start(String name, Properties props, Collection<String> topics, Handler handler, StuckPartitions stuck) {
    return start(name, props, topics, handler, null, stuck);
  }

  /**
   * @param batchHandler tried first with all the events of a poll; {@code handler} takes over, event by event, for a
   *     poll it failed on
   */
  public static EventConsumerLoop start(
      String name, Properties props, Collection<String> topics, Handler handler, BatchHandler batchHandler, StuckPartitions stuck) {
    EventConsumerLoop loop = new EventConsumerLoop(name, props, topics, handler, batchHandler, stuck);
    loop.thread.setDaemon(true);
    loop.thread.start();
    return loop;
  }

  /** The partitions stopped at an event that could not be applied, and why. */
  public StuckPartitions stuck() {
    return stuck;
  }

  /** Whether the reading thread still runs. */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** True once the group has given this consumer its partitions. */
  public boolean awaitAssignment(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      while (running) {
        stuck.resumeDue(consumer);
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (batchHandler == null || !handledAsOne(records)) {
          for (ConsumerRecord<String, byte[]> record : records) {
            if (!stuck.behindAStop(record)) {
              handleOne(record);
            }
          }
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

  /**
   * The poll's events through the batch handler: true when they all applied. False, with nothing applied, when a record
   * cannot be decoded, is skipped by an operator or sits behind a stop (the one-by-one path knows what to do with
   * those), or when the batch handler failed.
   */
  private boolean handledAsOne(ConsumerRecords<String, byte[]> records) {
    if (records.isEmpty()) {
      return true;
    }
    List<Item> items = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      if (stuck.behindAStop(record) || stuck.listedForSkip(record)) {
        return false;
      }
      try {
        items.add(new Item(record, EventCodec.decode(record.headers(), record.value())));
      } catch (UnreadableEventException e) {
        return false;
      }
    }
    try {
      batchHandler.handleAll(items);
    } catch (Exception e) {
      LOG.warnf("%s: the batch of %d events failed (%s); applying them one by one", name, items.size(), e.toString());
      return false;
    }
    items.forEach(item -> stuck.release(item.record()));
    return true;
  }

  private void handleOne(ConsumerRecord<String, byte[]> record) {
    if (stuck.skippedByOperator(record)) {
      return;
    }
    Envelope envelope;
    try {
      envelope = EventCodec.decode(record.headers(), record.value());
    } catch (UnreadableEventException e) {
      stuck.hold(consumer, record, "an unreadable record (" + e.code() + ")", e);
      return;
    }
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        handler.handle(record, envelope);
        stuck.release(record);
        return;
      } catch (Exception e) {
        if (attempt == ATTEMPTS) {
          stuck.hold(consumer, record, envelope.type(), e);
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
    PollingThreads.wakeAndJoin(consumer::wakeup, thread, Duration.ofMillis(10_000));
  }
}
