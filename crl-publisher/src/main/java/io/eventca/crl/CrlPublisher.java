package io.eventca.crl;

import io.eventca.crl.config.CrlConfig;
import io.eventca.custody.CustodyConfig;
import io.eventca.service.KafkaConfig;
import io.eventca.crl.state.CrlProjection;
import io.eventca.custody.CaKeyCustody;
import io.eventca.custody.Custodies;
import io.eventca.custody.KekRing;
import io.eventca.custody.Pkcs11Custody;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The service's one {@link PublisherNode}: refuses to start without usable custody settings, stops with the application. */
@ApplicationScoped
public class CrlPublisher {
  private static final Logger LOG = Logger.getLogger(CrlPublisher.class);

  private final KafkaConfig kafka;
  private final CustodyConfig custodyConfig;
  private final CrlConfig crl;
  private volatile CaKeyCustody custody;
  private volatile PublisherNode node;

  public CrlPublisher(KafkaConfig kafka, CustodyConfig custodyConfig, CrlConfig crl) {
    this.kafka = kafka;
    this.custodyConfig = custodyConfig;
    this.crl = crl;
  }

  void onStart(@Observes StartupEvent event) {
    custody = Custodies.create(custodyConfig.settings());
    String instance = instanceName();
    node = new PublisherNode(kafka.bootstrapServers(), instance, kafka.partitions(), kafka.replicationFactor(), custody, crl);
    LOG.infof("crl-publisher %s started: %s, CRLs valid %s, batch delay %s, delta CRLs from %d entries",
        instance, describe(custody), crl.validity(), crl.batchDelay(), crl.deltaFrom());
  }

  /** Names the custody and its KEK id or token label: never a secret. */
  private static String describe(CaKeyCustody custody) {
    if (custody instanceof KekRing ring) {
      return "custody kek, current KEK " + ring.currentKekId();
    }
    return custody instanceof Pkcs11Custody token ? "custody pkcs11, token " + token.tokenLabel() : "custody " + custody.getClass().getSimpleName();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (node != null) {
      node.close();
    }
  }

  public CrlProjection projection() {
    return node.projection();
  }

  /** The CA keys, for signing OCSP responses; null before start-up. */
  public CaKeyCustody custody() {
    return custody;
  }

  /** Where the log reader stopped at an event it could not apply (empty when it did not). */
  public java.util.Collection<io.eventca.service.StuckPartitions.Stuck> stuck() {
    return node == null ? java.util.List.of() : node.stuck();
  }

  public boolean isReady() {
    return node != null && node.isReady();
  }

  private static String instanceName() {
    try {
      return InetAddress.getLocalHost().getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    } catch (java.net.UnknownHostException e) {
      return UUID.randomUUID().toString().substring(0, 8);
    }
  }
}
