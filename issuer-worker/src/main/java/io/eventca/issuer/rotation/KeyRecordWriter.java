package io.eventca.issuer.rotation;

import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.envelope.EventCodec;
import io.eventca.service.KafkaClients;
import io.eventca.service.TransactionalProducers;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes re-wrapped key records in one transaction, keyed by CA id like every CaKeyStored. Its transactional id
 * is the instance's own ({@code <processor id>-rewrap}), so a restarted instance fences a rewrap its predecessor
 * left open, and the request processor's transactions are never touched.
 */
public final class KeyRecordWriter implements KekRotation.Publisher {
  private final String bootstrapServers;
  private final String clientId;
  private final String transactionalId;
  private final EventCodec codec = new EventCodec("issuer-worker");

  public KeyRecordWriter(String bootstrapServers, String instanceId, String processorTransactionalId) {
    this.bootstrapServers = bootstrapServers;
    this.clientId = "issuer-worker-rewrap-" + instanceId;
    this.transactionalId = processorTransactionalId + "-rewrap";
  }

  @Override
  public void publish(List<CaKeyStored> records) {
    KafkaProducer<String, byte[]> producer =
        TransactionalProducers.open(KafkaClients.transactionalProducer(bootstrapServers, clientId, transactionalId));
    try {
      producer.beginTransaction();
      for (CaKeyStored stored : records) {
        producer.send(codec.toRecord(stored));
      }
      producer.commitTransaction();
    } catch (KafkaException e) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException ignored) {
        // the broker will abort it at the transaction timeout, or the next start fences it
      }
      throw e;
    } finally {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
