package io.eventca.crl;

import io.eventca.crl.config.CrlConfig;
import io.eventca.crl.config.CustodyConfig;
import io.eventca.crl.config.KafkaConfig;
import io.eventca.crl.state.CrlProjection;
import io.eventca.custody.CaKeyCustody;
import io.eventca.custody.KekWrappedCustody;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The service's one {@link PublisherNode}: refuses to start without a KEK, stops with the application. */
@ApplicationScoped
public class CrlPublisher {
  private static final Logger LOG = Logger.getLogger(CrlPublisher.class);

  private final KafkaConfig kafka;
  private final CustodyConfig custodyConfig;
  private final CrlConfig crl;
  private volatile KekWrappedCustody custody;
  private volatile PublisherNode node;

  public CrlPublisher(KafkaConfig kafka, CustodyConfig custodyConfig, CrlConfig crl) {
    this.kafka = kafka;
    this.custodyConfig = custodyConfig;
    this.crl = crl;
  }

  void onStart(@Observes StartupEvent event) {
    custody = KekWrappedCustody.fromBase64(custodyConfig.kekId(), custodyConfig.kek());
    String instance = instanceName();
    node = new PublisherNode(kafka.bootstrapServers(), instance, kafka.partitions(), kafka.replicationFactor(), custody, crl);
    LOG.infof("crl-publisher %s started: KEK %s, CRLs valid %s, batch delay %s, delta CRLs from %d entries",
        instance, custodyConfig.kekId(), crl.validity(), crl.batchDelay(), crl.deltaFrom());
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
