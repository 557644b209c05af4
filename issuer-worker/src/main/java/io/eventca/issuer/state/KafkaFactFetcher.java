package io.eventca.issuer.state;

import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.envelope.EventCodec;
import io.eventca.service.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/** Reads single facts of {@code eventca.issuance} back by partition and offset, for retries' answers (RequestLedger). */
public final class KafkaFactFetcher implements FactFetcher, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(KafkaFactFetcher.class);
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final KafkaConsumer<String, byte[]> consumer;
  private final AtomicLong reads = new AtomicLong();

  public KafkaFactFetcher(String bootstrapServers, String clientId) {
    Properties props = KafkaClients.groupless(bootstrapServers, clientId);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    this.consumer = new KafkaConsumer<>(props);
  }

  @Override
  public synchronized Optional<Event> at(long location) {
    TopicPartition partition = new TopicPartition(Topic.ISSUANCE.topicName(), RequestLedger.partition(location));
    long offset = RequestLedger.offset(location);
    reads.incrementAndGet();
    try {
      consumer.assign(List.of(partition));
      consumer.seek(partition, offset);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() == offset) {
            return Optional.of(EventCodec.decode(record.headers(), record.value()).payload());
          }
          if (record.offset() > offset) {
            return Optional.empty();
          }
        }
      }
    } catch (KafkaException | IllegalStateException e) {
      LOG.warnf("cannot read %s: %s", RequestLedger.describe(location), e.toString());
    } catch (RuntimeException e) { // an unreadable event
      LOG.warnf("cannot decode %s: %s", RequestLedger.describe(location), e.toString());
    }
    return Optional.empty();
  }

  /** How many facts were asked for: retries answered from the log rather than from memory. */
  public long reads() {
    return reads.get();
  }

  @Override
  public synchronized void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
