package io.eventca.crl.publish;

import io.eventca.events.ids.CaId;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where a CA's CRLs and feed records go. Exactly one instance owns a CA at a time, so CRL numbers, which each
 * instance derives from the log, cannot be handed out twice.
 */
public interface CrlWriter {
  /** Whether this instance publishes the CRLs of {@code caId} now. */
  boolean owns(CaId caId);

  /** Writes every record or none (one Kafka transaction); throws when ownership was lost meanwhile. */
  void write(CaId caId, List<ProducerRecord<String, byte[]>> records);
}
