package io.eventca.issuer.state;

import io.eventca.events.Topic;
import io.eventca.events.envelope.EventCodec;
import io.eventca.service.KafkaClients;
import io.eventca.service.StuckPartitions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Keeps {@link CaState} current: reads every partition of {@code eventca.ca-keys}, {@code eventca.issuance} and {@code eventca.registry}
 * from the beginning, without a consumer group (every instance needs all of it), committed records only.
 * {@link #catchUp} waits until everything committed before the call has been applied.
 */
public final class CaStateReader implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CaStateReader.class);
  static final List<String> TOPICS = List.of(Topic.CA_KEYS.topicName(), Topic.ISSUANCE.topicName(), Topic.REGISTRY.topicName());

  private final Admin admin;
  private final CaState state;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
  private final Object progress = new Object();
  private final Thread thread;
  private final StuckPartitions stuck = new StuckPartitions("ca-state-reader");
  private volatile boolean running = true;
  private final StateSnapshot snapshots;
  private final int snapshotEvery;
  private final List<TopicPartition> issuance;
  private String issuanceTopicId;
  private long sinceSnapshot;
  private final java.util.concurrent.atomic.AtomicLong issuanceRead = new java.util.concurrent.atomic.AtomicLong();

  private CaStateReader(String bootstrapServers, String clientId, Admin admin, CaState state, StateSnapshot snapshots, int snapshotEvery) {
    this.admin = admin;
    this.state = state;
    this.snapshots = snapshots;
    this.snapshotEvery = snapshotEvery;
    Properties props = KafkaClients.groupless(bootstrapServers, clientId);
    this.consumer = new KafkaConsumer<>(props);
    List<TopicPartition> all = new ArrayList<>();
    for (String topic : TOPICS) {
      consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
    }
    this.partitions = List.copyOf(all);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.issuance = partitions.stream().filter(p -> p.topic().equals(Topic.ISSUANCE.topicName()))
        .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
    if (snapshots != null) {
      resumeFromSnapshot();
    }
    this.thread = new Thread(this::run, "issuer-ca-state-reader");
    this.thread.setDaemon(true);
  }

  public static CaStateReader start(String bootstrapServers, String clientId, Admin admin, CaState state) {
    return start(bootstrapServers, clientId, admin, state, null, Integer.MAX_VALUE);
  }

  /**
   * @param snapshots where snapshots are read at start and written every {@code snapshotEvery} issuance facts and at
   *     close; null for none (the whole topic is read at every start)
   */
  public static CaStateReader start(
      String bootstrapServers, String clientId, Admin admin, CaState state, StateSnapshot snapshots, int snapshotEvery) {
    CaStateReader reader = new CaStateReader(bootstrapServers, clientId, admin, state, snapshots, snapshotEvery);
    reader.thread.start();
    return reader;
  }

  /**
   * Waits until the state reflects every record committed to both topics before this call.
   *
   * @return false when that did not happen within {@code timeout}
   */
  public boolean catchUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> targets;
    try {
      targets = committedEnds(timeout);
    } catch (TimeoutException | ExecutionException | KafkaException e) {
      LOG.warnf("cannot read the end offsets of the CA state topics: %s", e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    synchronized (progress) {
      while (!reached(targets)) {
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

  private Map<TopicPartition, Long> committedEnds(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest =
        partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private boolean reached(Map<TopicPartition, Long> targets) {
    return targets.entrySet().stream().allMatch(t -> positions.getOrDefault(t.getKey(), -1L) >= t.getValue());
  }

  private void run() {
    boolean clean = false;
    try {
      while (running) {
        try {
          stuck.resumeDue(consumer);
          var records = consumer.poll(Duration.ofMillis(250));
          for (ConsumerRecord<String, byte[]> record : records) {
            if (!stuck.behindAStop(record)) {
              apply(record);
            }
          }
          for (TopicPartition partition : partitions) {
            positions.put(partition, consumer.position(partition));
          }
          // Not while a long history is still being read: only once the reader is at the log's end.
          if (sinceSnapshot >= snapshotEvery && atEnd()) {
            writeSnapshot();
          }
          synchronized (progress) {
            progress.notifyAll();
          }
        } catch (WakeupException e) {
          if (running) {
            LOG.warn("CA state reader woken up unexpectedly; continuing");
          }
        } catch (KafkaException e) {
          // The broker may be away for a while; the state only lags, so keep trying.
          LOG.warnf("CA state reader: %s; retrying", e.toString());
          pause();
        }
      }
      clean = true;
    } finally {
      try {
        // Not after an Error (say OutOfMemoryError) in the middle of a poll: the consumer's positions are then past
        // records that were never applied, and a snapshot at them would skip those facts for good.
        if (clean && sinceSnapshot > 0) {
          writeSnapshot();
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

  /**
   * An event that cannot be applied is never skipped (service-kit's StuckPartitions): its partition stops there, so
   * catch-ups do not finish and the worker answers nothing from a state that lacks it (a retirement, a used serial).
   */
  private void apply(ConsumerRecord<String, byte[]> record) {
    boolean issuance = record.topic().equals(Topic.ISSUANCE.topicName());
    if (issuance) {
      sinceSnapshot++;
      issuanceRead.incrementAndGet();
    }
    // Inside apply: an offset past what a location holds (2^40) stops the partition like any event that cannot be applied.
    stuck.apply(consumer, record, envelope -> state.apply(envelope.payload(),
        issuance ? RequestLedger.location(record.partition(), record.offset()) : RequestLedger.UNLOCATED, envelope.time()));
  }

  /**
   * Loads the snapshot when it was taken of this very topic (same topic id and partitions) at positions the log still
   * holds, and reads eventca.issuance from there; otherwise from the beginning. The other topics are read whole.
   */
  private void resumeFromSnapshot() {
    Optional<StateSnapshot.Header> header;
    Map<TopicPartition, Long> starts;
    Map<TopicPartition, Long> ends;
    try {
      issuanceTopicId = admin.describeTopics(List.of(Topic.ISSUANCE.topicName())).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(Topic.ISSUANCE.topicName()).topicId().toString();
      header = snapshots.header();
      starts = consumer.beginningOffsets(issuance, Duration.ofSeconds(30));
      ends = consumer.endOffsets(issuance, Duration.ofSeconds(30));
    } catch (IOException | ExecutionException | TimeoutException | KafkaException e) {
      LOG.warnf("no CA state snapshot used (%s); reading eventca.issuance from the beginning", e.toString());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (header.isEmpty()) {
      LOG.infof("no intact CA state snapshot at %s; reading eventca.issuance from the beginning", snapshots.file());
      return;
    }
    long[] at = header.get().positions();
    String why = header.get().horizonMillis() != state.horizonMillis()
        ? "it was taken with a retry horizon of " + header.get().horizonMillis() + " ms, the worker's is now " + state.horizonMillis()
        + " ms (its spans would not mean the same)"
        : !header.get().topicId().equals(issuanceTopicId) ? "it was taken of another eventca.issuance (topic id "
        + header.get().topicId() + ", now " + issuanceTopicId + ")"
        : at.length != issuance.size() ? "it has " + at.length + " partitions, the topic " + issuance.size() : null;
    for (int i = 0; why == null && i < at.length; i++) {
      TopicPartition partition = issuance.get(i);
      if (at[i] < starts.get(partition) || at[i] > ends.get(partition)) {
        why = "partition " + i + " no longer holds offset " + at[i];
      }
    }
    if (why != null) {
      LOG.warnf("CA state snapshot %s not used: %s; reading eventca.issuance from the beginning", snapshots.file(), why);
      return;
    }
    try {
      snapshots.loadInto(state);
    } catch (IOException | RuntimeException e) {
      // Its digest matched, so this is a reader that does not understand what a writer wrote: a partial load must not stand.
      throw new IllegalStateException("CA state snapshot " + snapshots.file() + " is intact but cannot be loaded; remove it to read"
          + " the whole log", e);
    }
    for (int i = 0; i < at.length; i++) {
      consumer.seek(issuance.get(i), at[i]);
    }
    LOG.infof("CA state loaded from snapshot %s (%d answered requests); reading eventca.issuance from offsets %s",
        snapshots.file(), state.answeredRequests(), java.util.Arrays.toString(at));
  }

  /** No issuance partition lags behind what the broker last said is its end (unknown counts as lagging). */
  private boolean atEnd() {
    for (TopicPartition partition : issuance) {
      java.util.OptionalLong lag = consumer.currentLag(partition);
      if (lag.isEmpty() || lag.getAsLong() > 0) {
        return false;
      }
    }
    return true;
  }

  /** On the reader's thread, so the positions are exactly what the state holds; never while a partition is stopped. */
  private void writeSnapshot() {
    if (snapshots == null || issuanceTopicId == null || !stuck.healthy()) {
      return;
    }
    try {
      long[] at = new long[issuance.size()];
      for (int i = 0; i < at.length; i++) {
        at[i] = consumer.position(issuance.get(i));
      }
      long started = System.nanoTime();
      snapshots.write(state, issuanceTopicId, at);
      sinceSnapshot = 0;
      LOG.infof("CA state snapshot written to %s in %d ms (%d answered requests, offsets %s)", snapshots.file(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), state.answeredRequests(), java.util.Arrays.toString(at));
    } catch (IOException | RuntimeException e) {
      // A snapshot is only a cache: failing to write one must never stop the reader.
      LOG.warnf("cannot write the CA state snapshot %s: %s", snapshots.file(), e.toString());
    }
  }

  /** How many records of eventca.issuance this reader has read since it started (fewer after a snapshot). */
  public long issuanceRead() {
    return issuanceRead.get();
  }

  /** The partitions stopped at an event that could not be applied, and why. */
  public StuckPartitions stuck() {
    return stuck;
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
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
