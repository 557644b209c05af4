package io.eventca.crl;

import io.eventca.service.WholeLogTail;
import io.eventca.crl.config.CrlConfig;
import io.eventca.crl.publish.PartitionOwnership;
import io.eventca.crl.publish.RecordLimit;
import io.eventca.crl.state.CrlProjection;
import io.eventca.custody.CaKeyCustody;
import io.eventca.events.Topic;
import io.eventca.events.Topics;
import io.eventca.service.KafkaClients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

/**
 * One running crl-publisher, without CDI: creates missing topics, replays the log into the projection, joins
 * the instances that share the CAs, then runs the CRL cycle on one thread every {@link #TICK}. Tests start
 * several in one JVM to show that CRL numbers stay strictly increasing across instances.
 */
public final class PublisherNode implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PublisherNode.class);
  /** Short, so a batch delay of one second is kept; a pass over CAs that are not due costs nothing. */
  static final Duration TICK = Duration.ofMillis(250);
  private static final Duration CATCH_UP = Duration.ofSeconds(30);
  private static final List<String> TOPICS = List.of(Topic.ISSUANCE.topicName(), Topic.CA_KEYS.topicName(),
      Topic.REVOCATIONS.topicName(), Topic.CRLS.topicName(), Topic.REVOCATION_FEED.topicName());

  private final CrlProjection projection = new CrlProjection(Clock.systemUTC());
  private final Admin admin;
  private final WholeLogTail reader;
  private final PartitionOwnership ownership;
  private final ScheduledExecutorService ticker;
  private volatile boolean caughtUp;

  public PublisherNode(String bootstrapServers, String instance, int partitions, short replicationFactor, CaKeyCustody custody,
      CrlConfig config) {
    admin = Admin.create(KafkaClients.admin(bootstrapServers, "crl-publisher-admin-" + instance));
    Topics.ensureAll(admin, partitions, replicationFactor);
    // A revocation skipped here would be missing from every later CRL and OCSP would call the certificate good: the
    // tail never skips (its partition stops, no CRL is numbered from a log not read, and readiness says why).
    reader = WholeLogTail.start(bootstrapServers, "crl-publisher-" + instance, admin, TOPICS, "crl-log-reader",
        (record, envelope) -> projection.apply(envelope.payload()));
    ownership = new PartitionOwnership(bootstrapServers, instance);
    int maxPemBytes = RecordLimit.pemBytes(admin, config.maxEventBytes());
    CrlCycle cycle = new CrlCycle(projection, custody, ownership, config, maxPemBytes, Clock.systemUTC(),
        () -> reader.catchUp(CATCH_UP));
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "crl-cycle-" + instance);
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(() -> runSafely(cycle), 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runSafely(CrlCycle cycle) {
    try {
      if (!caughtUp) {
        // Replay the whole log before serving or publishing anything.
        caughtUp = reader.catchUp(CATCH_UP);
        if (!caughtUp) {
          return;
        }
      }
      cycle.runOnce();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log and keep the cycle alive.
      LOG.errorf(e, "CRL cycle failed");
    }
  }

  public CrlProjection projection() {
    return projection;
  }

  /** Where the log reader stopped, for the readiness detail. */
  public java.util.Collection<io.eventca.service.StuckPartitions.Stuck> stuck() {
    return reader.stuck().current();
  }

  public boolean isReady() {
    return caughtUp && reader.isRunning() && reader.stuck().healthy();
  }

  @Override
  public void close() {
    // Let a CRL being written finish, so a handover never leaves a transaction for the next owner to abort.
    ticker.shutdown();
    try {
      if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
        ticker.shutdownNow();
      }
    } catch (InterruptedException e) {
      ticker.shutdownNow();
      Thread.currentThread().interrupt();
    }
    ownership.close();
    reader.close();
    admin.close(Duration.ofSeconds(5));
  }
}
