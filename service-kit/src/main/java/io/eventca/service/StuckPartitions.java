package io.eventca.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import io.eventca.events.envelope.Envelope;
import io.eventca.events.envelope.EventCodec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The rule of every log reader for an event it cannot apply: it is never skipped. The partition stops at that event
 * (seek back, pause), the reader reports itself not ready and says why (the health detail, an ERROR log line per
 * attempt, {@link #failures()} for a metric), and the event is tried again with a growing delay, from
 * {@link #FIRST_RETRY} to {@link #MAX_RETRY}, until it applies: after a fix to the database, a restart with fixed code,
 * or an operator's explicit skip of exactly that record ({@code topic-partition@offset}), which is logged too. Other
 * partitions go on. Used from the reader's own thread; read from any.
 */
public final class StuckPartitions {
  public static final Duration FIRST_RETRY = Duration.ofSeconds(2);
  public static final Duration MAX_RETRY = Duration.ofMinutes(1);
  private static final Logger LOG = Logger.getLogger(StuckPartitions.class);

  /** Where a partition stopped and why. */
  public record Stuck(String topic, int partition, long offset, String eventType, String error, Instant since, int attempts,
      Instant nextAttempt) {
    public String record() {
      return topic + "-" + partition + "@" + offset;
    }
  }

  private final String reader;
  private final Set<String> operatorSkips;
  private final Clock clock;
  private final Map<TopicPartition, Stuck> stuck = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();

  /** @param operatorSkips records an operator decided to skip, as {@code topic-partition@offset} */
  public StuckPartitions(String reader, Collection<String> operatorSkips, Clock clock) {
    this.reader = reader;
    this.operatorSkips = Set.copyOf(operatorSkips);
    this.clock = clock;
  }

  public StuckPartitions(String reader) {
    this(reader, List.of(), Clock.systemUTC());
  }

  /**
   * Decodes one record and hands its event to {@code sink}, for readers that apply each event once: a record that cannot
   * be decoded or applied stops its partition here, one the operator skips is passed over, one applied releases it.
   */
  public void apply(Consumer<?, ?> consumer, ConsumerRecord<String, byte[]> record, java.util.function.Consumer<Envelope> sink) {
    if (skippedByOperator(record)) {
      return;
    }
    String type = "an unreadable record";
    try {
      Envelope envelope = EventCodec.decode(record.headers(), record.value());
      type = envelope.type();
      sink.accept(envelope);
      release(record);
    } catch (RuntimeException e) { // an UnreadableEventException too
      hold(consumer, record, type, e);
    }
  }

  /** One stopped partition as a readiness check shows it: "event type: error (since ..., N attempts)". */
  public static String describe(Stuck stuck) {
    return stuck.eventType() + ": " + stuck.error() + " (since " + stuck.since() + ", " + stuck.attempts() + " attempts)";
  }

  /** Whether an operator listed this record to be skipped (nothing logged, nothing released). */
  public boolean listedForSkip(ConsumerRecord<?, ?> record) {
    return operatorSkips.contains(record.topic() + "-" + record.partition() + "@" + record.offset());
  }

  /** Whether an operator asked to skip this very record; it is then logged, once, and passed over. */
  public boolean skippedByOperator(ConsumerRecord<?, ?> record) {
    String id = record.topic() + "-" + record.partition() + "@" + record.offset();
    if (!operatorSkips.contains(id)) {
      return false;
    }
    LOG.warnf("%s: skipping %s because the operator listed it (skip-records)", reader, id);
    release(record);
    return true;
  }

  /**
   * The record could not be applied: its partition stops at it and is tried again later.
   *
   * @param eventType the event's wire type, or what could be told of it
   */
  public void hold(Consumer<?, ?> consumer, ConsumerRecord<?, ?> record, String eventType, Exception error) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Instant now = clock.instant();
    Stuck before = stuck.get(partition);
    boolean same = before != null && before.offset() == record.offset();
    int attempts = same ? before.attempts() + 1 : 1;
    Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 10));
    if (delay.compareTo(MAX_RETRY) > 0) {
      delay = MAX_RETRY;
    }
    Stuck held = new Stuck(record.topic(), record.partition(), record.offset(), eventType, error.toString(),
        same ? before.since() : now, attempts, now.plus(delay));
    stuck.put(partition, held);
    failures.incrementAndGet();
    consumer.seek(partition, record.offset());
    consumer.pause(List.of(partition));
    LOG.errorf(error, "%s: cannot apply %s at %s (attempt %d); partition %s stops there and is tried again in %d s."
            + " Fix the cause, or skip exactly this record with skip-records=%s", reader, eventType, held.record(), attempts,
        partition, delay.toSeconds(), held.record());
  }

  /** Resumes the stopped partitions whose next attempt is due; call before each poll. */
  public void resumeDue(Consumer<?, ?> consumer) {
    Instant now = clock.instant();
    List<TopicPartition> due = stuck.entrySet().stream()
        .filter(e -> !e.getValue().nextAttempt().isAfter(now))
        .map(Map.Entry::getKey)
        .filter(consumer.assignment()::contains)
        .toList();
    if (!due.isEmpty()) {
      consumer.resume(due);
    }
  }

  /** A record applied: if its partition was stopped at it, it goes on. */
  public void release(ConsumerRecord<?, ?> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Stuck held = stuck.get(partition);
    if (held != null && held.offset() <= record.offset()) {
      stuck.remove(partition);
      LOG.infof("%s: %s applied after %d failed attempts; partition %s goes on", reader, held.record(), held.attempts(), partition);
    }
  }

  /** Partitions this reader no longer reads (another instance took them) are no longer its concern. */
  public void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(stuck::remove);
  }

  /** A record fetched after the one its partition stopped at: it comes again once that one applies. */
  public boolean behindAStop(ConsumerRecord<?, ?> record) {
    Stuck held = stuck.get(new TopicPartition(record.topic(), record.partition()));
    return held != null && record.offset() > held.offset();
  }

  public Collection<Stuck> current() {
    return List.copyOf(stuck.values());
  }

  public boolean healthy() {
    return stuck.isEmpty();
  }

  /** Every failed attempt so far, for a counter. */
  public long failures() {
    return failures.get();
  }
}
