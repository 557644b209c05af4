package io.eventca.issuer.state;

import io.eventca.events.Topic;
import io.eventca.events.envelope.Envelope;
import io.eventca.service.StuckPartitions;
import io.eventca.service.WholeLogTail;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Keeps {@link CaState} current: reads every partition of {@code eventca.ca-keys}, {@code eventca.issuance} and
 * {@code eventca.registry} through service-kit's {@link WholeLogTail} (from the beginning, no consumer group, committed
 * records only, a bad record stops its partition and is never skipped), resuming eventca.issuance from a snapshot
 * when one fits. {@link #catchUp} waits until everything committed before the call has been applied; the worker
 * answers nothing from a state that lacks a fact (a retirement, a used serial).
 */
public final class CaStateReader implements WholeLogTail.Reader, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CaStateReader.class);
  static final List<String> TOPICS = List.of(Topic.CA_KEYS.topicName(), Topic.ISSUANCE.topicName(), Topic.REGISTRY.topicName());

  private final Admin admin;
  private final CaState state;
  private final StateSnapshot snapshots;
  private final int snapshotEvery;
  private final AtomicLong issuanceRead = new AtomicLong();
  private final WholeLogTail tail;
  private List<TopicPartition> issuance = List.of();
  private String issuanceTopicId;
  private long sinceSnapshot;

  private CaStateReader(String bootstrapServers, String clientId, Admin admin, CaState state, StateSnapshot snapshots, int snapshotEvery) {
    this.admin = admin;
    this.state = state;
    this.snapshots = snapshots;
    this.snapshotEvery = snapshotEvery;
    this.tail = WholeLogTail.start(bootstrapServers, clientId, admin, TOPICS, "issuer-ca-state-reader", this);
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
    return new CaStateReader(bootstrapServers, clientId, admin, state, snapshots, snapshotEvery);
  }

  /** @return false when the state did not reflect every record committed before this call within {@code timeout} */
  public boolean catchUp(Duration timeout) {
    return tail.catchUp(timeout);
  }

  public boolean isRunning() {
    return tail.isRunning();
  }

  @Override
  public void positioned(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
    issuance = partitions.stream().filter(p -> p.topic().equals(Topic.ISSUANCE.topicName()))
        .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
    if (snapshots != null) {
      resumeFromSnapshot(consumer);
    }
  }

  @Override
  public void apply(ConsumerRecord<String, byte[]> record, Envelope envelope) {
    boolean fromIssuance = record.topic().equals(Topic.ISSUANCE.topicName());
    if (fromIssuance) {
      sinceSnapshot++;
      issuanceRead.incrementAndGet();
    }
    // An offset past what a location holds (2^40) stops the partition like any event that cannot be applied.
    state.apply(envelope.payload(),
        fromIssuance ? RequestLedger.location(record.partition(), record.offset()) : RequestLedger.UNLOCATED, envelope.time());
  }

  @Override
  public void afterPoll(KafkaConsumer<String, byte[]> consumer, StuckPartitions stuck) {
    // Not while a long history is still being read: only once the reader is at the log's end.
    if (sinceSnapshot >= snapshotEvery && atEnd(consumer)) {
      writeSnapshot(consumer, stuck);
    }
  }

  /**
   * Not after an Error (say OutOfMemoryError) in the middle of a poll (the tail calls this only after a clean end):
   * the consumer's positions would then be past records never applied, and a snapshot at them would skip those facts.
   */
  @Override
  public void stopping(KafkaConsumer<String, byte[]> consumer, StuckPartitions stuck) {
    if (sinceSnapshot > 0) {
      writeSnapshot(consumer, stuck);
    }
  }

  /**
   * Loads the snapshot when it was taken of this very topic (same topic id and partitions) at positions the log still
   * holds, and reads eventca.issuance from there; otherwise from the beginning. The other topics are read whole.
   */
  private void resumeFromSnapshot(KafkaConsumer<String, byte[]> consumer) {
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
  private boolean atEnd(KafkaConsumer<String, byte[]> consumer) {
    for (TopicPartition partition : issuance) {
      java.util.OptionalLong lag = consumer.currentLag(partition);
      if (lag.isEmpty() || lag.getAsLong() > 0) {
        return false;
      }
    }
    return true;
  }

  /** On the reader's thread, so the positions are exactly what the state holds; never while a partition is stopped. */
  private void writeSnapshot(KafkaConsumer<String, byte[]> consumer, StuckPartitions stuck) {
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
    return tail.stuck();
  }

  @Override
  public void close() {
    tail.close();
  }
}
