package io.eventca.ca.rebuild;

import io.eventca.ca.config.ProjectionConfig;
import io.eventca.ca.model.Db;
import io.eventca.ca.projection.LogPosition;
import io.eventca.ca.projection.Outcomes;
import io.eventca.ca.projection.ProjectionRunner;
import io.eventca.ca.projection.Projector;
import io.eventca.service.EventConsumerLoop;
import io.eventca.service.KafkaClients;
import io.eventca.service.KafkaConfig;
import io.eventca.service.StuckPartitions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Rebuilds the read model from the log (docs/API.md, "Rebuilding the read model"): the projection's topics are
 * replayed from their beginning through the same Projector into a fresh schema while the API and the live projection
 * go on with the live one; then the read-model tables are switched in one transaction, and what was appended in the
 * meantime is applied to them again (applying twice is harmless), which covers whatever a live projection wrote to
 * the old tables just before the switch. One rebuild at a time per instance.
 */
@ApplicationScoped
public class ReadModelRebuild {
  private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  private static final Duration LOG_EVERY = Duration.ofSeconds(2);
  private static final int ATTEMPTS = 3;

  /** A rebuild already running; the answer names it. */
  public static final class AlreadyRunning extends RuntimeException {
    public final transient RebuildProgress progress;

    AlreadyRunning(RebuildProgress progress) {
      super("a rebuild of the read model is running: " + progress.id());
      this.progress = progress;
    }
  }

  private final KafkaConfig kafka;
  private final ProjectionConfig projection;
  private final RebuildSchemas schemas;
  private final Clock clock;
  // Its own projector: nobody waits on what a replay applies (Outcomes), and its refusals are not the live ones.
  private final Projector projector = new Projector(new SimpleMeterRegistry(), new Outcomes());
  private final AtomicReference<Run> latest = new AtomicReference<>();

  public ReadModelRebuild(KafkaConfig kafka, ProjectionConfig projection, RebuildSchemas schemas) {
    this.kafka = kafka;
    this.projection = projection;
    this.schemas = schemas;
    this.clock = Clock.systemUTC();
  }

  /** Starts a rebuild on a thread of its own. */
  public synchronized RebuildProgress start() {
    Run running = latest.get();
    if (running != null && running.finishedAt == null) {
      throw new AlreadyRunning(running.progress());
    }
    Instant now = clock.instant();
    Run run = new Run(STAMP.format(now), now);
    latest.set(run);
    Thread thread = new Thread(run::execute, "read-model-rebuild");
    thread.setDaemon(true);
    thread.start();
    return run.progress();
  }

  /** The latest rebuild of this instance, running or finished. */
  public Optional<RebuildProgress> latest() {
    return Optional.ofNullable(latest.get()).map(Run::progress);
  }

  private final class Run {
    final String id;
    final String schema;
    final String retired;
    final Instant startedAt;
    volatile String state = "PREPARING";
    volatile long read;
    volatile long total;
    volatile Instant switchedAt;
    volatile Instant finishedAt;
    volatile String error;
    private Instant lastLog = Instant.EPOCH;

    Run(String stamp, Instant startedAt) {
      this.id = stamp;
      this.schema = "rebuild_" + stamp;
      this.retired = "retired_" + stamp;
      this.startedAt = startedAt;
    }

    RebuildProgress progress() {
      Instant until = finishedAt != null ? finishedAt : clock.instant();
      double seconds = Math.max(0.001, Duration.between(startedAt, until).toMillis() / 1000.0);
      double rate = read / seconds;
      Long left = rate > 0 && finishedAt == null ? Math.round(Math.max(0, total - read) / rate) : null;
      return new RebuildProgress(id, state, schema, switchedAt == null ? null : retired, read, total, Math.round(rate * 10) / 10.0, left,
          startedAt, switchedAt, finishedAt, error);
    }

    void execute() {
      StuckPartitions skips = new StuckPartitions("read-model-rebuild", projection.skipRecords().orElse(List.of()), clock);
      boolean locked = false; // only then is the schema of this name ours to drop
      try (var exclusive = schemas.exclusive();
          LogReplay replay = new LogReplay(KafkaClients.groupless(kafka.bootstrapServers(), "read-model-rebuild"), ProjectionRunner.TOPICS,
          skips)) {
        locked = true;
        schemas.create(schema);
        Map<TopicPartition, Long> end = replay.end();
        total = replay.size(end);
        state = "REPLAYING";
        report();
        replay.readTo(end, items -> applyInto(schema, items), this::progressed);
        state = "SWITCHING";
        report();
        schemas.switchOver(schema, retired);
        switchedAt = clock.instant();
        // What was appended while it replayed, and what a live projection applied to the old tables before the switch.
        state = "CATCHING_UP";
        Map<TopicPartition, Long> now = replay.end();
        total = replay.size(now);
        replay.readTo(now, items -> applyInto(null, items), this::progressed);
        schemas.drop(schema);
        state = "DONE";
      } catch (Exception e) {
        LOG.errorf(e, "read-model rebuild %s failed", id);
        error = e.getMessage() == null ? e.toString() : e.getMessage();
        state = "FAILED";
        if (switchedAt == null && locked) {
          dropQuietly();
        }
      } finally {
        finishedAt = clock.instant();
        report();
      }
    }

    private void progressed(long soFar) {
      read = soFar;
      if (Duration.between(lastLog, clock.instant()).compareTo(LOG_EVERY) >= 0) {
        report();
      }
    }

    private void report() {
      lastLog = clock.instant();
      LOG.infof("read-model rebuild %s %s", id, progress().line());
    }

    private void dropQuietly() {
      try {
        schemas.drop(schema);
      } catch (Exception e) {
        LOG.warnf("could not drop %s after a failed rebuild: %s", schema, e.toString());
      }
    }
  }

  /**
   * A poll's events in one transaction, into {@code schema} (its tables first on the search path, the live ones behind
   * for what is not the read model) or, for null, into the live tables; tried a few times before the rebuild fails.
   */
  private void applyInto(String schema, List<EventConsumerLoop.Item> items) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        Db.inTransaction(() -> searchPath(schema).chain(() -> {
          Uni<Void> chain = Uni.createFrom().voidItem();
          for (EventConsumerLoop.Item item : items) {
            var r = item.record();
            LogPosition position = new LogPosition(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()));
            chain = chain.chain(() -> projector.applyInBatch(item.envelope(), position).replaceWithVoid());
          }
          return chain;
        }));
        return;
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS) {
          var first = items.get(0).record();
          throw new IllegalStateException("could not apply the events from " + first.topic() + "-" + first.partition() + "@" + first.offset()
              + ": " + e.getMessage(), e);
        }
        Thread.sleep(500L * attempt);
      }
    }
  }

  private static Uni<Integer> searchPath(String schema) {
    if (schema == null) {
      return Uni.createFrom().item(0);
    }
    return Panache.getSession().chain(session -> session.createNativeQuery("SET LOCAL search_path TO " + schema + ", public").executeUpdate());
  }
}
