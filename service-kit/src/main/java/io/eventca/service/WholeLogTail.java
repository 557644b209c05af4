package io.eventca.service;

import io.eventca.events.envelope.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads every partition of some topics from the beginning on a thread of its own, with no consumer group (every
 * instance needs all of it), committed records only: the state a signing service keeps in memory (issuer-worker's CA
 * state, crl-publisher's revocations). {@link #catchUp} waits until everything committed before the call is applied.
 *
 * <p>The one rule for a bad record, the same as {@link EventConsumerLoop}'s: it is never skipped. A record that cannot
 * be decoded, or that the reader fails on, stops its partition there ({@link StuckPartitions}) and is retried with
 * back-off; the other partitions go on, catch-ups that need the stopped one do not finish, and {@link #stuck()} says
 * why (readiness shows it). A broker that is away only makes the state lag: the tail keeps trying.
 */
public final class WholeLogTail implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WholeLogTail.class);

  /** What a reader does with the log; every call is on the tail's thread. */
  public interface Reader {
    /** Before the first poll: e.g. seek some partitions past what a snapshot already holds. */
    default void positioned(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {}

    /** One decoded record; throw to stop its partition here (it is retried, never skipped). */
    void apply(ConsumerRecord<String, byte[]> record, Envelope envelope);

    /** After the records of a poll were applied, with the positions they reached. */
    default void afterPoll(KafkaConsumer<String, byte[]> consumer, StuckPartitions stuck) {}

    /** The tail stops after a clean end of its loop (not after an Error in the middle of a poll). */
    default void stopping(KafkaConsumer<String, byte[]> consumer, StuckPartitions stuck) {}
  }

  private final String name;
  private final Admin admin;
  private final Reader reader;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
  private final Object progress = new Object();
  private final StuckPartitions stuck;
  private final Thread thread;
  private volatile boolean running = true;

  private WholeLogTail(String bootstrapServers, String clientId, Admin admin, List<String> topics, String name, Reader reader) {
    this.name = name;
    this.admin = admin;
    this.reader = reader;
    this.stuck = new StuckPartitions(name);
    this.consumer = new KafkaConsumer<>(KafkaClients.groupless(bootstrapServers, clientId));
    List<TopicPartition> all = new ArrayList<>();
    for (String topic : topics) {
      consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
    }
    this.partitions = List.copyOf(all);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    reader.positioned(consumer, partitions);
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  /** @param name the thread's, and the reader's in logs and readiness */
  public static WholeLogTail start(String bootstrapServers, String clientId, Admin admin, List<String> topics, String name,
      Reader reader) {
    WholeLogTail tail = new WholeLogTail(bootstrapServers, clientId, admin, topics, name, reader);
    tail.thread.start();
    return tail;
  }

  /** @return false when the reader did not reach the log's committed end (as of this call) within {@code timeout} */
  public boolean catchUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> targets;
    try {
      targets = admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())),
              new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      LOG.warnf("%s: cannot read the end offsets of the log: %s", name, e.toString());
      return false;
    }
    synchronized (progress) {
      while (!targets.entrySet().stream().allMatch(t -> positions.getOrDefault(t.getKey(), -1L) >= t.getValue())) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || !running) {
          return false;
        }
        try {
          progress.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  public boolean isRunning() {
    return running && thread.isAlive();
  }

  /** The partitions stopped at a record that could not be applied, and why. */
  public StuckPartitions stuck() {
    return stuck;
  }

  private void run() {
    boolean clean = false;
    try {
      while (running) {
        try {
          stuck.resumeDue(consumer);
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
            if (!stuck.behindAStop(record)) {
              stuck.apply(consumer, record, envelope -> reader.apply(record, envelope));
            }
          }
          for (TopicPartition partition : partitions) {
            positions.put(partition, consumer.position(partition));
          }
          reader.afterPoll(consumer, stuck);
          synchronized (progress) {
            progress.notifyAll();
          }
        } catch (WakeupException e) {
          if (running) {
            LOG.warnf("%s woken up unexpectedly; continuing", name);
          }
        } catch (KafkaException e) {
          LOG.warnf("%s: %s; retrying", name, e.toString());
          pause();
        }
      }
      clean = true;
    } finally {
      try {
        if (clean) {
          reader.stopping(consumer, stuck);
        }
      } finally {
        running = false;
        consumer.close(Duration.ofSeconds(5));
        synchronized (progress) {
          progress.notifyAll();
        }
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    PollingThreads.wakeAndJoin(consumer::wakeup, thread, Duration.ofMillis(10_000));
  }
}
