package io.eventca.issuer;

import io.eventca.custody.CaKeyCustody;
import io.eventca.custody.Custodies;
import io.eventca.custody.KekRing;
import io.eventca.custody.Pkcs11Custody;
import io.eventca.events.Topics;
import io.eventca.issuer.ca.CaCreator;
import io.eventca.issuer.config.CrlConfig;
import io.eventca.custody.CustodyConfig;
import io.eventca.issuer.config.IssuerConfig;
import io.eventca.service.KafkaConfig;
import io.eventca.issuer.issue.IssuanceCycle;
import io.eventca.issuer.kafka.RequestProcessor;
import io.eventca.lint.Linter;
import io.eventca.issuer.profile.Profiles;
import io.eventca.issuer.rotation.KekRotation;
import io.eventca.issuer.rotation.KeyRecordWriter;
import io.eventca.issuer.state.CaState;
import io.eventca.issuer.state.CaStateReader;
import io.eventca.issuer.state.KafkaFactFetcher;
import io.eventca.issuer.state.StaleStateException;
import io.eventca.issuer.state.StateSnapshot;
import java.nio.file.Path;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

/**
 * Wires the worker at start-up: opens custody (a worker that cannot reach its keys must not start), creates
 * missing topics, starts the CA-state reader, then the request processor. Before the processor consumes anything,
 * the state is replayed and, with a KEK ring, keys under a previous KEK are re-wrapped ({@link KekRotation}).
 */
@ApplicationScoped
public class IssuerWorker {
  private static final Logger LOG = Logger.getLogger(IssuerWorker.class);
  private static final Duration INITIAL_CATCH_UP = Duration.ofSeconds(30);

  private final KafkaConfig kafka;
  private final CustodyConfig custodyConfig;
  private final CrlConfig crl;
  private final IssuerConfig issuer;
  private volatile CaState state = new CaState();
  private KafkaFactFetcher fetcher;
  private Admin admin;
  private CaStateReader reader;
  private RequestProcessor processor;

  public IssuerWorker(KafkaConfig kafka, CustodyConfig custodyConfig, CrlConfig crl, IssuerConfig issuer) {
    this.kafka = kafka;
    this.custodyConfig = custodyConfig;
    this.crl = crl;
    this.issuer = issuer;
  }

  void onStart(@Observes StartupEvent event) {
    CaKeyCustody custody = Custodies.create(custodyConfig.settings());
    // Loads the profile catalogue before anything is consumed: a broken catalogue stops the worker here.
    Set<String> profiles = Profiles.names();
    String instanceId = issuer.effectiveInstanceId();
    String bootstrap = kafka.bootstrapServers();
    admin = Admin.create(io.eventca.service.KafkaClients.admin(bootstrap, "issuer-worker-admin-" + instanceId));
    Topics.ensureAll(admin, kafka.partitions(), kafka.replicationFactor());
    fetcher = new KafkaFactFetcher(bootstrap, "issuer-worker-facts-" + instanceId);
    state = new CaState(fetcher, issuer.retryHorizon(), Clock.systemUTC());
    StateSnapshot snapshots = issuer.snapshotDir().map(dir -> new StateSnapshot(Path.of(dir))).orElse(null);
    reader = CaStateReader.start(bootstrap, "issuer-worker-state-" + instanceId, admin, state, snapshots, issuer.snapshotEvery());
    Clock clock = Clock.systemUTC();
    RequestHandler handler =
        new RequestHandler(
            new CaCreator(custody, clock, crl.baseUrl(), this::catchUp),
            new IssuanceCycle(custody, new Linter(), crl.baseUrl(), clock, this::catchUp));
    BooleanSupplier rotated = custody instanceof KekRing ring
        ? new KekRotation(ring, state, new KeyRecordWriter(bootstrap, instanceId, RequestProcessor.transactionalId(instanceId)))::runOnce
        : () -> true;
    processor = RequestProcessor.start(bootstrap, instanceId, state, handler,
        () -> reader.catchUp(INITIAL_CATCH_UP) && rotated.getAsBoolean(), this::catchUp,
        new RequestProcessor.Limits(issuer.maxRequestBytes(), issuer.maxBatch(), issuer.rateLimitPerRequester(), issuer.signingThreads()));
    LOG.infof("issuer-worker %s started: %s, CRLs under %s, profiles %s", instanceId, describe(custody), crl.baseUrl(), profiles);
  }

  /** Names the custody and its KEK ids or token label: never a secret. */
  static String describe(CaKeyCustody custody) {
    if (custody instanceof KekRing ring) {
      return "custody kek, current KEK " + ring.currentKekId();
    }
    if (custody instanceof Pkcs11Custody token) {
      return "custody pkcs11, token " + token.tokenLabel();
    }
    return "custody " + custody.getClass().getSimpleName();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (processor != null) {
      processor.close();
    }
    if (reader != null) {
      reader.close();
    }
    if (fetcher != null) {
      fetcher.close();
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
  }

  /** Reads the CA topics up to their current end, so a CA another instance just created is known. */
  public void catchUp() {
    if (!reader.catchUp(issuer.catchUpTimeout())) {
      throw new StaleStateException("the CA state did not reach the end of the log within " + issuer.catchUpTimeout());
    }
  }

  public CaState state() {
    return state;
  }

  public boolean isReady() {
    return reader != null && reader.isRunning() && reader.stuck().healthy() && processor != null && processor.isConsuming();
  }

  /** How many answers were read back from the log for retries since start (see RequestLedger). */
  long factReads() {
    return fetcher == null ? 0 : fetcher.reads();
  }

  /** Where the CA state reader stopped at an event it could not apply (empty when it did not). */
  public java.util.Collection<io.eventca.service.StuckPartitions.Stuck> stuck() {
    return reader == null ? java.util.List.of() : reader.stuck().current();
  }
}
