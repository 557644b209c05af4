package io.eventca.crl.publish;

import io.eventca.events.Topic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

/**
 * How much PEM a CrlPublished may carry: the configured bound, lowered to what eventca.crls and our producer
 * accept. JSON escapes one newline per 64 PEM characters, and the CloudEvent envelope needs room too.
 */
public final class RecordLimit {
  private static final Logger LOG = Logger.getLogger(RecordLimit.class);
  static final int ENVELOPE_BYTES = 4096;
  /** The producer's max.request.size: KafkaClients leaves it at Kafka's default. */
  static final int PRODUCER_LIMIT =
      (Integer) ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);

  private RecordLimit() {}

  /** The PEM bound for records of at most {@code recordLimit} bytes. */
  public static int pemBytesFor(int recordLimit) {
    return Math.max(0, (int) ((long) (recordLimit - ENVELOPE_BYTES) * 64 / 65));
  }

  /** {@code configured}, or less when the topic's max.message.bytes (or our producer) is smaller. */
  public static int pemBytes(Admin admin, int configured) {
    int recordLimit = PRODUCER_LIMIT;
    try {
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topic.CRLS.topicName());
      Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
      ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (entry != null && entry.value() != null) {
        recordLimit = Math.min(recordLimit, Integer.parseInt(entry.value()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the limits of " + Topic.CRLS.topicName(), e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read max.message.bytes of " + Topic.CRLS.topicName(), e);
    }
    int pem = Math.min(configured, pemBytesFor(recordLimit));
    if (pem < configured) {
      LOG.infof("CRLs larger than %d PEM bytes travel by reference: %s accepts records of %d bytes", pem,
          Topic.CRLS.topicName(), recordLimit);
    }
    return pem;
  }
}
