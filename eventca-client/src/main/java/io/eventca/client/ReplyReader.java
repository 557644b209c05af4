package io.eventca.client;

import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.cert.RequestKey;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The client's one reply consumer, on a daemon thread of its own: every partition of the reply topic (no consumer
 * group, nothing committed, read_committed) from its end as it was at start, so no answer to a request sent after
 * {@link #start} returns can be missed. An answer for a request id nobody waits for is passed over undecoded.
 */
final class ReplyReader implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ReplyReader.class.getName());

  /** What the reader finds; called on its thread. */
  interface Listener {
    /** A decoded answer and the record key it came under ({@code <requestedBy>/<requestId>[/reused/...]}). */
    void answered(String replyKey, CertificateAnswer answer);

    /** The reader stopped for good after it had started (the broker refused it, a bug): nothing more will come. */
    void stopped(Throwable error);
  }

  private final ClientConfig config;
  private final Predicate<String> waitingFor;
  private final Listener listener;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Throwable failure;
  private volatile boolean closed;

  private ReplyReader(ClientConfig config, String clientId, Predicate<String> waitingFor, Listener listener) {
    this.config = config;
    this.waitingFor = waitingFor;
    this.listener = listener;
    this.thread = new Thread(() -> read(clientId), "eventca-client-replies-" + config.requester());
    this.thread.setDaemon(true);
  }

  /**
   * Starts reading and returns once every partition is positioned at its end.
   *
   * @param waitingFor whether a request id is still waiting for its answer (the others are not decoded)
   * @throws EventcaException when the reply topic does not exist or Kafka cannot be reached in time
   */
  static ReplyReader start(ClientConfig config, String clientId, Predicate<String> waitingFor, Listener listener) {
    ReplyReader reader = new ReplyReader(config, clientId, waitingFor, listener);
    reader.thread.start();
    reader.awaitReady();
    return reader;
  }

  /** Why the reader stopped, or null while it reads. */
  Throwable failure() {
    return failure;
  }

  private void awaitReady() {
    boolean started;
    try {
      started = ready.await(config.timeout().toMillis() + 30_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new EventcaException("interrupted while connecting to Kafka", e);
    }
    if (!started || failure != null) {
      Throwable cause = failure;
      close();
      throw new EventcaException(
          started ? "cannot read reply topic " + config.replyTopic() + ": " + cause.getMessage()
              : "reply topic " + config.replyTopic() + " not ready in time (Kafka at " + config.bootstrapServers() + "?)",
          cause);
    }
  }

  private void read(String clientId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-replies");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.putAll(config.kafkaProperties());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
      consumer = c;
      if (closed) {
        return;
      }
      position(c);
      ready.countDown();
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
          onReply(record);
        }
      }
    } catch (Throwable e) {
      if (ready.getCount() > 0) {
        failure = e; // not started: start() reports it
      } else if (!closed) {
        failure = e;
        LOG.log(Level.ERROR, "eventca client stopped reading " + config.replyTopic() + ": " + e, e);
        listener.stopped(e);
      }
    } finally {
      ready.countDown();
    }
  }

  /** Takes every partition of the reply topic at its current end; returns once the positions are fixed. */
  private void position(KafkaConsumer<String, byte[]> c) {
    List<PartitionInfo> infos = c.partitionsFor(config.replyTopic(), Duration.ofMillis(config.timeout().toMillis() + 10_000));
    if (infos == null || infos.isEmpty()) {
      throw new EventcaException("topic " + config.replyTopic() + " does not exist (create it, or name an existing"
          + " reply topic; issuer-worker creates " + Topic.DEFAULT_REPLY_TOPIC + ")");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : infos) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    c.assign(partitions);
    c.seekToEnd(partitions);
    for (TopicPartition tp : partitions) {
      c.position(tp); // seekToEnd is lazy: resolve it now, before the first request is sent
    }
  }

  private void onReply(ConsumerRecord<String, byte[]> record) {
    String requestId = record.key() == null ? null : RequestKey.requestIdOf(record.key());
    if (requestId == null || !waitingFor.test(requestId)) {
      return; // somebody else's answer, or a late duplicate of one already received
    }
    CertificateAnswer answer;
    try {
      answer = toAnswer(EventCodec.decode(record.headers(), record.value()).payload());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "unreadable answer for {0} at {1}-{2}@{3}: {4}",
          requestId, record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    if (answer != null && answer.requestId().value().equals(requestId)) {
      listener.answered(record.key(), answer);
    }
  }

  private static CertificateAnswer toAnswer(Event payload) {
    if (payload instanceof CertificateDelivered d) {
      return CertificateAnswer.issued(d.requestId(), d.caId(), d.serialNumber(), d.certificatePem(), d.chainPem(),
          d.notBefore(), d.notAfter(), Boolean.TRUE.equals(d.repeated()));
    }
    if (payload instanceof CertificateRequestRefused r) {
      return CertificateAnswer.refused(r.requestId(), r.caId(), r.code(), r.detail());
    }
    return null;
  }

  @Override
  public void close() {
    closed = true;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
