package io.eventca.service;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * What every transactional writer of eventca (the batch loop, crl-publisher's partition owners, issuer-worker's key
 * re-wrap) does alike: open a producer whose transactional id fences its predecessor, and tell a producer that is done
 * from a transaction that merely failed.
 */
public final class TransactionalProducers {
  private TransactionalProducers() {}

  /** A producer with its transactions initialised (which fences an older producer of the same id), or none. */
  public static KafkaProducer<String, byte[]> open(Properties props) {
    KafkaProducer<String, byte[]> created = new KafkaProducer<>(props);
    try {
      created.initTransactions();
    } catch (RuntimeException e) {
      created.close(Duration.ZERO);
      throw e;
    }
    return created;
  }

  /** Another producer took this transactional id: whoever opened it owns what this one wrote for. */
  public static boolean fenced(Throwable error) {
    return error instanceof ProducerFencedException || error instanceof InvalidProducerEpochException;
  }

  /**
   * The producer cannot go on (fenced, its sequence lost, or the broker refuses it): only a new producer can write
   * again. Any other failure of a transaction is aborted and retried with the same producer.
   */
  public static boolean unusable(Throwable error) {
    // Not InvalidProducerEpochException: Kafka lets a transaction that met it be aborted, and the producer goes on.
    return error instanceof ProducerFencedException || error instanceof OutOfOrderSequenceException
        || error instanceof AuthorizationException || error instanceof UnsupportedVersionException;
  }
}
