package io.eventca.crl;

import io.eventca.crl.config.CrlConfig;
import io.eventca.crl.config.CustodyConfig;
import io.eventca.crl.config.KafkaConfig;
import io.eventca.crl.state.CrlProjection;
import io.eventca.crl.state.LogReader;
import io.eventca.custody.KekWrappedCustody;
import io.eventca.events.Topic;
import io.eventca.events.Topics;
import io.eventca.service.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

/**
 * Wires the publisher at start-up: refuses to start without a KEK, creates missing topics, replays the log into the projection, then runs the CRL cycle on one thread every {@link #TICK}.
 */
@ApplicationScoped
public class CrlPublisher {
  private static final Logger LOG = Logger.getLogger(CrlPublisher.class);
  /** Short, so a batch delay of one second is kept; a pass over CAs that are not due costs nothing. */
  static final Duration TICK = Duration.ofMillis(250);
  private static final Duration CATCH_UP = Duration.ofSeconds(30);
  private static final List<String> TOPICS = List.of(
      Topic.ISSUANCE.topicName(), Topic.CA_KEYS.topicName(), Topic.REVOCATIONS.topicName(), Topic.CRLS.topicName());

  private final KafkaConfig kafka;
  private final CustodyConfig custodyConfig;
  private final CrlConfig crl;
  private final CrlProjection projection = new CrlProjection(Clock.systemUTC());
  private Admin admin;
  private LogReader reader;
  private KafkaProducer<String, byte[]> producer;
  private ScheduledExecutorService ticker;
  private volatile boolean caughtUp;

  public CrlPublisher(KafkaConfig kafka, CustodyConfig custodyConfig, CrlConfig crl) {
    this.kafka = kafka;
    this.custodyConfig = custodyConfig;
    this.crl = crl;
  }

  void onStart(@Observes StartupEvent event) {
    KekWrappedCustody custody = KekWrappedCustody.fromBase64(custodyConfig.kekId(), custodyConfig.kek());
    String instance = instanceName();
    String bootstrap = kafka.bootstrapServers();
    admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, AdminClientConfig.CLIENT_ID_CONFIG, "crl-publisher-admin-" + instance));
    Topics.ensureAll(admin, kafka.partitions(), kafka.replicationFactor());
    reader = LogReader.start(bootstrap, "crl-publisher-" + instance, admin, TOPICS, projection::apply);
    producer = new KafkaProducer<>(KafkaClients.producer(bootstrap, "crl-publisher-" + instance));
    CrlCycle cycle = new CrlCycle(projection, custody, producer, crl, Clock.systemUTC(), () -> reader.catchUp(CATCH_UP));
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "crl-cycle");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(() -> runSafely(cycle), 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    LOG.infof("crl-publisher %s started: KEK %s, CRLs valid %s, batch delay %s", instance, custodyConfig.kekId(), crl.validity(), crl.batchDelay());
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

  void onStop(@Observes ShutdownEvent event) {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (reader != null) {
      reader.close();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
  }

  public CrlProjection projection() {
    return projection;
  }

  public boolean isReady() {
    return caughtUp && reader != null && reader.isRunning();
  }

  private static String instanceName() {
    try {
      return InetAddress.getLocalHost().getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    } catch (java.net.UnknownHostException e) {
      return UUID.randomUUID().toString().substring(0, 8);
    }
  }
}
