package io.eventca.crl.publish;

import io.eventca.events.ids.CaId;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where a CA's CRLs and feed records go. Exactly one instance owns a CA at a time, so CRL numbers, which each
 * instance derives from the log, cannot be handed out twice: an instance takes a {@link Lease} before it
 * catches up on the log, and a write succeeds only while that lease still holds.
 */
public interface CrlWriter {
  /** The right to write the CRLs of {@code caId}, or null when this instance does not own the CA now. */
  Lease lease(CaId caId);

  /**
   * Writes every record or none (one Kafka transaction); throws when the lease no longer holds, because
   * ownership moved since it was taken, even if it came back.
   */
  void write(Lease lease, List<ProducerRecord<String, byte[]>> records);

  /** Opaque: what {@link #lease} handed out. */
  interface Lease {
    CaId caId();
  }
}
