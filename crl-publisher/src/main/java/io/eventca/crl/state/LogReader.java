package io.eventca.crl.state;

import io.eventca.events.Event;
import io.eventca.events.envelope.EventCodec;
import io.eventca.service.KafkaClients;
import io.eventca.service.StuckPartitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * Reads every partition of some topics from the beginning, with no consumer group (every instance needs the
 * whole log), committed records only, and hands each event to the projection. {@link #catchUp} waits until
 * everything committed before the call has been applied: the CRL number is derived from what it has read.
 */
public final class LogReader implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LogReader.class);

  private final Admin admin;
  private final Consumer<Event> sink;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
  private final Object progress = new Object();
  private final Thread thread;
  private final StuckPartitions stuck = new StuckPartitions("crl-log-reader");
  private volatile boolean running = true;

  private LogReader(String bootstrapServers, String clientId, Admin admin, List<String> topics, Consumer<Event> sink) {
    this.admin = admin;
    this.sink = sink;
    Properties props = KafkaClients.groupless(bootstrapServers, clientId);
    this.consumer = new KafkaConsumer<>(props);
    List<TopicPartition> all = new ArrayList<>();
    for (String topic : topics) {
      consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
    }
    this.partitions = List.copyOf(all);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.thread = new Thread(this::run, "crl-log-reader");
    this.thread.setDaemon(true);
  }

  public static LogReader start(String bootstrapServers, String clientId, Admin admin, List<String> topics, Consumer<Event> sink) {
    LogReader reader = new LogReader(bootstrapServers, clientId, admin, topics, sink);
    reader.thread.start();
    return reader;
  }

  /** @return false when the projection did not reach the current end of the log within {@code timeout} */
  public boolean catchUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> targets;
    try {
      targets = admin.listOffsets(
              partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())),
              new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      LOG.warnf("cannot read the end offsets of the log: %s", e.toString());
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

  private void run() {
    try {
      while (running) {
        try {
          stuck.resumeDue(consumer);
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
            if (!stuck.behindAStop(record)) {
              apply(record);
            }
          }
          for (TopicPartition partition : partitions) {
            positions.put(partition, consumer.position(partition));
          }
          synchronized (progress) {
            progress.notifyAll();
          }
        } catch (WakeupException e) {
          if (running) {
            LOG.warn("log reader woken up unexpectedly; continuing");
          }
        } catch (KafkaException e) {
          // The broker may be away for a while; the projection only lags, so keep trying.
          LOG.warnf("log reader: %s; retrying", e.toString());
          sleepQuietly();
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  /**
   * An event that cannot be applied is never skipped (service-kit's StuckPartitions): its partition stops there, so a
   * catch-up does not finish, no CRL is numbered from a log the projection has not read, and readiness says why. A
   * revocation skipped here would be missing from every later CRL and OCSP would call the certificate good.
   */
  private void apply(ConsumerRecord<String, byte[]> record) {
    stuck.apply(consumer, record, envelope -> sink.accept(envelope.payload()));
  }

  /** The partitions stopped at an event that could not be applied, and why. */
  public StuckPartitions stuck() {
    return stuck;
  }

  private void sleepQuietly() {
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
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
