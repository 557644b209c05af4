package io.eventca.issuer.kafka;

import io.eventca.events.Topic;
import io.eventca.issuer.RequestHandler;
import io.eventca.issuer.state.Batch;
import io.eventca.issuer.state.CaState;
import io.eventca.issuer.state.StaleStateException;
import io.eventca.service.KafkaClients;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
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
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Consumes {@code eventca.requests} (written by ca-service) and {@code eventca.fleet-requests} (signed requests of
 * registered requesters) in group {@value #GROUP} exactly once: each polled batch (at most
 * {@code eventca.issuer.max-batch} records: the bound on a worker's in-flight work) becomes one Kafka transaction
 * holding every fact, every answer on a reply topic, every dead letter and the consumed offsets, so they commit
 * together or not at all. On failure the transaction is aborted and the consumer rewinds to the committed
 * offsets. What one record leads to is decided by {@link RecordAnswerer}, which answers garbage instead of
 * throwing, so no record can make the batch fail again and again.
 */
public final class RequestProcessor implements AutoCloseable {
  public static final String GROUP = "eventca-issuer-worker";
  private static final Logger LOG = Logger.getLogger(RequestProcessor.class);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  /** Default requests per poll (one transaction); see IssuerConfig.maxBatch. */
  static final int MAX_POLL_RECORDS = 10;
  /** Room for a slow batch; a restarted instance (same transactional id) aborts a dead one at once anyway. */
  static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(2);
  /** First retry of a transactional request the coordinator is still busy with (growing to retry.backoff.max.ms). */
  static final Duration TRANSACTION_RETRY_BACKOFF = Duration.ofMillis(5);

  private final String bootstrapServers;
  private final String instanceId;
  private final CaState state;
  private final BooleanSupplier initialCatchUp;
  private final Runnable catchUp;
  private final int maxBatch;
  private final ReplyTopics replyTopics = new ReplyTopics(this::listTopics, System::currentTimeMillis);
  private final RecordAnswerer answerer;
  private final BatchAnswering answering;
  private final BatchTimings timings = new BatchTimings(System::nanoTime, 10_000_000_000L);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean consuming;
  private volatile boolean rebalanced;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private KafkaProducer<String, byte[]> producer;

  /**
   * @param initialCatchUp true once the CA state holds everything committed at start-up
   * @param catchUp brings the CA state to the log's end or throws {@link StaleStateException}
   */
  private RequestProcessor(
      String bootstrapServers, String instanceId, CaState state, RequestHandler handler, BooleanSupplier initialCatchUp,
      Runnable catchUp, int maxRequestBytes, int maxBatch, double rateLimitPerRequester, int signingThreads) {
    this.maxBatch = maxBatch;
    this.answering = new BatchAnswering(signingThreads);
    this.answerer = new RecordAnswerer(
        handler, new Answers(replyTopics), new RateLimiter(rateLimitPerRequester, System::nanoTime), maxRequestBytes, catchUp);
    this.bootstrapServers = bootstrapServers;
    this.instanceId = instanceId;
    this.state = state;
    this.initialCatchUp = initialCatchUp;
    this.catchUp = catchUp;
    this.thread = new Thread(this::run, "issuer-request-processor");
    this.thread.setDaemon(true);
  }

  /**
   * What bounds the processor's work.
   *
   * @param maxRequestBytes a larger record is dead-lettered unread
   * @param maxBatch records per poll and per transaction
   * @param rateLimitPerRequester requests per second one requester may send; 0: no limit
   * @param signingThreads threads answering one batch's certificate requests in parallel; 0: one per processor
   */
  public record Limits(int maxRequestBytes, int maxBatch, double rateLimitPerRequester, int signingThreads) {}

  public static RequestProcessor start(String bootstrapServers, String instanceId, CaState state, RequestHandler handler,
      BooleanSupplier initialCatchUp, Runnable catchUp, Limits limits) {
    RequestProcessor processor = new RequestProcessor(
        bootstrapServers, instanceId, state, handler, initialCatchUp, catchUp, limits.maxRequestBytes(), limits.maxBatch(),
        limits.rateLimitPerRequester(), limits.signingThreads());
    processor.thread.start();
    return processor;
  }

  /** {@code eventca-issuer-worker-<instanceId>}: stable per instance, so a restart fences its predecessor. */
  public static String transactionalId(String instanceId) {
    return GROUP + "-" + instanceId;
  }

  /** True while the consumer is subscribed and the loop runs. */
  public boolean isConsuming() {
    return consuming && thread.isAlive();
  }

  private void run() {
    try {
      // Idempotence checks need the answers already on the log, so nothing is consumed before the state has them.
      while (running && !initialCatchUp.getAsBoolean()) {
        LOG.info("waiting for the CA state to catch up before consuming requests");
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
      LOG.infof("consuming %s and %s in group %s with transactional id %s", Topic.REQUESTS.topicName(),
          Topic.FLEET_REQUESTS.topicName(), GROUP, transactionalId(instanceId));
      while (running) {
        try {
          pollOnce();
        } catch (WakeupException e) {
          throw e;
        } catch (KafkaException e) {
          // poll() itself failed; no transaction is open, so waiting and polling again is safe.
          LOG.warnf("cannot poll %s (%s); retrying", Topic.REQUESTS.topicName(), e.toString());
          pause();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("request processor woken up unexpectedly; stopping", e);
      }
    } catch (RuntimeException e) {
      LOG.error("request processor stopped", e);
    } finally {
      consuming = false;
      closeQuietly();
      answering.close();
    }
  }

  private void pollOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
    if (records.isEmpty()) {
      return;
    }
    boolean timed = BatchTimings.enabled();
    long polled = timed ? System.nanoTime() : 0;
    long waited = timed ? waitedInTopic(records) : 0;
    Batch batch = new Batch(state);
    boolean inTransaction = false;
    try {
      if (rebalanced) {
        // New partitions may come with answers another instance wrote: read them before deciding duplicates.
        catchUp.run();
        rebalanced = false;
      }
      producer.beginTransaction();
      inTransaction = true;
      long begun = timed ? System.nanoTime() : 0;
      List<List<ProducerRecord<String, byte[]>>> answers =
          answering.answerAll(records, record -> answerer.answer(record, batch));
      long answeredAt = timed ? System.nanoTime() : 0;
      for (List<ProducerRecord<String, byte[]>> answered : answers) {
        for (ProducerRecord<String, byte[]> out : answered) {
          send(out);
        }
      }
      long sent = timed ? System.nanoTime() : 0;
      producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
      long offsetsSent = timed ? System.nanoTime() : 0;
      producer.commitTransaction();
      batch.applyCommitted();
      if (timed) {
        long committed = System.nanoTime();
        timings.committed(records.count(), waited, begun - polled, answeredAt - begun,
            sent - answeredAt, offsetsSent - sent, committed - offsetsSent);
      }
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException e) {
      // The producer cannot continue: another instance took our transactional id, or the broker refuses us.
      LOG.warnf("transactional producer unusable (%s); recreating it and rewinding", e.toString());
      replaceProducer();
      rewind();
    } catch (WakeupException e) {
      throw e;
    } catch (StaleStateException | KafkaException e) {
      LOG.warnf("batch of %d requests not committed (%s); aborting and retrying", records.count(), e.toString());
      retryLater(inTransaction);
    } catch (RuntimeException e) {
      LOG.errorf(e, "batch of %d requests failed; aborting and retrying", records.count());
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

  /**
   * Sends one record of the transaction. When a write fails because of its topic (not authorised, unknown,
   * invalid, or no metadata for it), that reply topic is avoided from the batch's retry on. Failures that are not
   * about the topic (a broker away, the transaction already failing) demote nothing.
   */
  private void send(ProducerRecord<String, byte[]> out) {
    try {
      producer.send(out, (metadata, error) -> {
        if (error != null && aboutTheTopic(error)) {
          replyTopics.failed(out.topic());
        }
      });
    } catch (KafkaException e) {
      if (aboutTheTopic(e)) {
        replyTopics.failed(out.topic());
      }
      throw e;
    }
  }

  private static boolean aboutTheTopic(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TopicAuthorizationException || t instanceof UnknownTopicOrPartitionException || t instanceof InvalidTopicException) {
        return true;
      }
      if (t instanceof org.apache.kafka.common.errors.TimeoutException && t.getMessage() != null
          && t.getMessage().contains("not present in metadata")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The names of the topics that exist now, for {@link ReplyTopics}: called by the answering threads while the
   * processor thread waits for them, so they take turns with the consumer, which allows one thread at a time.
   */
  private synchronized Set<String> listTopics() {
    return consumer.listTopics(Duration.ofSeconds(5)).keySet();
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
        producer = newProducer();
        return;
      } catch (KafkaException e) {
        LOG.warnf("cannot start the transactional producer (%s); retrying", e.toString());
        pause();
      }
    }
  }

  private KafkaProducer<String, byte[]> newProducer() {
    Properties props = KafkaClients.transactionalProducer(bootstrapServers, "issuer-worker-" + instanceId, transactionalId(instanceId));
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
    // The next batch's AddOffsetsToTxn often meets the previous commit still writing its markers
    // (CONCURRENT_TRANSACTIONS): retried after 100 ms by default, which JFR showed as the worker's idle time.
    props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, (int) TRANSACTION_RETRY_BACKOFF.toMillis());
    KafkaProducer<String, byte[]> created = new KafkaProducer<>(props);
    try {
      created.initTransactions();
    } catch (RuntimeException e) {
      created.close(Duration.ZERO);
      throw e;
    }
    return created;
  }

  private KafkaConsumer<String, byte[]> newConsumer() {
    Properties props = KafkaClients.consumer(bootstrapServers, GROUP, "issuer-worker-" + instanceId);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxBatch);
    KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(props);
    created.subscribe(
        List.of(Topic.REQUESTS.topicName(), Topic.FLEET_REQUESTS.topicName()),
        new ConsumerRebalanceListener() {
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
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
