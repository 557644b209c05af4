package io.eventca.service;

import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The client settings every service uses: durable, idempotent writes and read_committed reads, plus the
 * deployment's connection security from {@link ClientOverrides} (the file named by
 * {@value ClientOverrides#ENVIRONMENT_VARIABLE}), so no client can be created that skips it.
 */
public final class KafkaClients {
  private KafkaClients() {}

  public static Properties producer(String bootstrapServers, String clientId) {
    return ClientOverrides.applyTo(producerDefaults(bootstrapServers, clientId), ClientOverrides.current(), "producer " + clientId);
  }

  public static Properties transactionalProducer(String bootstrapServers, String clientId, String transactionalId) {
    Properties p = producerDefaults(bootstrapServers, clientId);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return ClientOverrides.applyTo(p, ClientOverrides.current(), "producer " + clientId);
  }

  /** A consumer that reads only committed records, starts from the beginning of the log and commits by hand. */
  public static Properties consumer(String bootstrapServers, String groupId, String clientId) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return ClientOverrides.applyTo(p, ClientOverrides.current(), "consumer " + clientId);
  }

  /**
   * A consumer in no group, for a reader that assigns itself partitions and keeps its own positions (state
   * replays, reads by offset): the same settings as {@link #consumer}, without a group id or committed offsets.
   */
  public static Properties groupless(String bootstrapServers, String clientId) {
    Properties p = consumer(bootstrapServers, "unused", clientId);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return p;
  }

  /** An admin client (topic creation, end offsets, topic configs) with the same connection security. */
  public static Properties admin(String bootstrapServers, String clientId) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    return ClientOverrides.applyTo(p, ClientOverrides.current(), "admin client " + clientId);
  }

  private static Properties producerDefaults(String bootstrapServers, String clientId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }
}
