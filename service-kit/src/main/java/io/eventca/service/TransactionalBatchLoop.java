package io.eventca.service;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Exactly-once consume, process, produce, for every service that answers records with records: each polled batch
 * (at most {@link Settings#maxBatch} records, the bound on an instance's in-flight work) becomes one Kafka transaction
 * holding everything the batch leads to and the consumed offsets, so they commit together or not at all. When a batch
 * fails, its transaction is aborted, the consumer rewinds to the committed offsets, and after a pause the same records
 * come again; so the {@link Work} must answer a bad record instead of throwing, or it would fail again and again. A
 * producer that cannot go on ({@link TransactionalProducers#unusable}) is replaced; the transactional id, stable per
 * instance, fences a dead predecessor. One thread; issuer-worker's RequestProcessor is the first user.
 */
public final class TransactionalBatchLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TransactionalBatchLoop.class);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  /** What a service does with the loop's batches. */
  public interface Work {
    /** False while the service may not consume yet (its state still catching up); asked once a second until true. */
    default boolean ready() {
      return true;
    }

    /** Before the first batch after partitions were assigned: what another instance wrote there may matter. */
    default void assigned() {}

    /**
     * Everything the batch leads to, sent in its transaction in this order. Throwing aborts the transaction and retries
     * the batch after a pause.
     */
    Outcome process(ConsumerRecords<String, byte[]> records);

    /** A record of the transaction failed to send (on the producer's thread); the transaction fails with it. */
    default void sendFailed(ProducerRecord<String, byte[]> record, Exception error) {}

    /** The loop's thread ends (closed, or stopped by a failure it cannot get past): release what the work holds. */
    default void stopped() {}

    /** A failure the service expects now and then (logged without a stack trace); the batch is retried either way. */
    default boolean expected(RuntimeException error) {
      return false;
    }
  }

  /** The records a batch leads to, and what to do once they are committed (never when aborted). */
  public record Outcome(List<List<ProducerRecord<String, byte[]>>> records, Runnable onCommit) {}

  /**
   * @param clientId the consumer's and the producer's client id
   * @param transactionalId stable per instance, so a restart fences its predecessor
   * @param maxBatch records per poll and per transaction
   * @param transactionTimeout room for a slow batch; a restarted instance aborts a dead one at once anyway
   * @param retryBackoff first retry of a transactional request the coordinator is still busy with
   */
  public record Settings(
      String bootstrapServers, String group, String clientId, String transactionalId, List<String> topics, int maxBatch,
      Duration transactionTimeout, Duration retryBackoff, String threadName) {
    public Settings {
      topics = List.copyOf(topics);
    }
  }

  private final Settings settings;
  private final Work work;
  private final BatchTimings timings;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean consuming;
  private volatile boolean rebalanced;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private KafkaProducer<String, byte[]> producer;

  private TransactionalBatchLoop(Settings settings, Work work, BatchTimings timings) {
    this.settings = settings;
    this.work = work;
    this.timings = timings;
    this.thread = new Thread(this::run, settings.threadName());
    this.thread.setDaemon(true);
  }

  /** A loop not started yet, so its user can hold it before the work first runs (and calls {@link #listTopics}). */
  public static TransactionalBatchLoop create(Settings settings, Work work, BatchTimings timings) {
    return new TransactionalBatchLoop(settings, work, timings);
  }

  public TransactionalBatchLoop start() {
    thread.start();
    return this;
  }

  /** True while the consumer is subscribed and the loop runs. */
  public boolean isConsuming() {
    return consuming && thread.isAlive();
  }

  /**
   * The names of the topics that exist now: for the work, from within {@link Work#process} only (its helper threads
   * included), while the loop's thread waits for it and does not poll; callers take turns with each other, since the
   * consumer allows one thread at a time.
   */
  public synchronized Set<String> listTopics() {
    return consumer.listTopics(Duration.ofSeconds(5)).keySet();
  }

  private void run() {
    try {
      while (running && !work.ready()) {
        LOG.infof("%s: waiting for the service's state before consuming %s", settings.threadName(), settings.topics());
        pause();
      }
      if (!running) {
        return;
      }
      replaceProducer();
      if (!running) {
        return;
      }
      consumer = newConsumer();
      consuming = true;
      LOG.infof("consuming %s in group %s with transactional id %s", settings.topics(), settings.group(), settings.transactionalId());
      while (running) {
        try {
          pollOnce();
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException e) {
          // poll() itself failed; no transaction is open, so waiting and polling again is safe.
          LOG.warnf("cannot poll %s (%s); retrying", settings.topics(), e.toString());
          pause();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.errorf(e, "%s woken up unexpectedly; stopping", settings.threadName());
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "%s stopped", settings.threadName());
    } finally {
      consuming = false;
      closeQuietly();
      work.stopped();
    }
  }

  private void pollOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
    if (records.isEmpty()) {
      return;
    }
    boolean timed = timings.enabled();
    long polled = timed ? System.nanoTime() : 0;
    long waited = timed ? waitedInTopic(records) : 0;
    boolean inTransaction = false;
    try {
      if (rebalanced) {
        work.assigned();
        rebalanced = false;
      }
      producer.beginTransaction();
      inTransaction = true;
      long begun = timed ? System.nanoTime() : 0;
      Outcome outcome = work.process(records);
      long processed = timed ? System.nanoTime() : 0;
      for (List<ProducerRecord<String, byte[]>> group : outcome.records()) {
        for (ProducerRecord<String, byte[]> out : group) {
          send(out);
        }
      }
      long sent = timed ? System.nanoTime() : 0;
      producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
      long offsetsSent = timed ? System.nanoTime() : 0;
      producer.commitTransaction();
      outcome.onCommit().run();
      if (timed) {
        timings.committed(records.count(), waited, begun - polled, processed - begun, sent - processed, offsetsSent - sent,
            System.nanoTime() - offsetsSent);
      }
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      if (TransactionalProducers.unusable(e)) {
        LOG.warnf("transactional producer unusable (%s); recreating it and rewinding", e.toString());
        replaceProducer();
        rewind();
      } else {
        LOG.warnf("batch of %d records not committed (%s); aborting and retrying", records.count(), e.toString());
        retryLater(inTransaction);
      }
    } catch (RuntimeException e) {
      if (work.expected(e)) {
        LOG.warnf("batch of %d records not committed (%s); aborting and retrying", records.count(), e.toString());
      } else {
        LOG.errorf(e, "batch of %d records failed; aborting and retrying", records.count());
      }
      retryLater(inTransaction);
    }
  }

  /** Nanoseconds from the oldest record's timestamp (its producer's clock, the same machine here) to now. */
  private static long waitedInTopic(ConsumerRecords<String, byte[]> records) {
    long oldest = Long.MAX_VALUE;
    for (ConsumerRecord<String, byte[]> record : records) {
      oldest = Math.min(oldest, record.timestamp());
    }
    return Math.max(0, System.currentTimeMillis() - oldest) * 1_000_000L;
  }

  private void retryLater(boolean inTransaction) {
    if (inTransaction) {
      abort();
    }
    rewind();
    pause();
  }

  private void send(ProducerRecord<String, byte[]> out) {
    try {
      producer.send(out, (metadata, error) -> {
        if (error != null) {
          work.sendFailed(out, error);
        }
      });
    } catch (KafkaException e) {
      work.sendFailed(out, e);
      throw e;
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
      offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
    }
    return offsets;
  }

  private void abort() {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      LOG.warnf("cannot abort the transaction (%s); recreating the producer", e.toString());
      replaceProducer();
    }
  }

  /** Back to the last committed offsets, so the aborted batch is read again. */
  private void rewind() {
    try {
      Set<TopicPartition> assigned = consumer.assignment();
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
      for (TopicPartition partition : assigned) {
        OffsetAndMetadata offset = committed.get(partition);
        if (offset == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, offset.offset());
        }
      }
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // Cannot even ask for the committed offsets: a new consumer starts from them by itself.
      LOG.warnf("cannot rewind (%s); restarting the consumer", e.toString());
      consumer.close(Duration.ofSeconds(5));
      consumer = newConsumer();
    }
  }

  /** Closes the current producer (if any) and starts a new one, retrying until the broker accepts it. */
  private void replaceProducer() {
    try {
      if (producer != null) {
        producer.close(Duration.ZERO);
      }
    } catch (RuntimeException ignored) {
      // it is being replaced because it is broken
    }
    producer = null;
    while (running) {
      try {
        producer = TransactionalProducers.open(producerProperties());
        return;
      } catch (KafkaException e) {
        LOG.warnf("cannot start the transactional producer (%s); retrying", e.toString());
        pause();
      }
    }
  }

  private Properties producerProperties() {
    Properties props = KafkaClients.transactionalProducer(settings.bootstrapServers(), settings.clientId(), settings.transactionalId());
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeout().toMillis());
    // The next batch's AddOffsetsToTxn often meets the previous commit still writing its markers
    // (CONCURRENT_TRANSACTIONS): retried after 100 ms by default, which JFR showed as issuer-worker's idle time.
    props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, (int) settings.retryBackoff().toMillis());
    return props;
  }

  private KafkaConsumer<String, byte[]> newConsumer() {
    Properties props = KafkaClients.consumer(settings.bootstrapServers(), settings.group(), settings.clientId());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxBatch());
    KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(props);
    created.subscribe(settings.topics(), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
          rebalanced = true;
        }
      }
    });
    return created;
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void closeQuietly() {
    try {
      if (consumer != null) {
        consumer.close(Duration.ofSeconds(5));
      }
    } catch (RuntimeException ignored) {
      // shutting down
    }
    try {
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
      }
    } catch (RuntimeException ignored) {
      // shutting down
    }
  }

  @Override
  public void close() {
    running = false;
    PollingThreads.wakeAndJoin(() -> {
      KafkaConsumer<String, byte[]> current = consumer;
      if (current != null) {
        current.wakeup();
      }
    }, thread, Duration.ofMillis(15_000));
  }
}
