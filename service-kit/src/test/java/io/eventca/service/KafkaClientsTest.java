package io.eventca.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientsTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"ca-service\" password=\"${env:EVENTCA_KAFKA_PASSWORD}\";";

  @TempDir Path dir;

  @AfterEach
  void forgetTheFile() {
    System.clearProperty(ClientOverrides.SYSTEM_PROPERTY);
  }

  @Test
  void withoutAFileTheClientsAreThePlainDefaults() {
    Properties producer = KafkaClients.producer("localhost:9092", "p");

    assertThat(producer).doesNotContainKey("security.protocol");
    assertThat(producer.getProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo("true");
    assertThat(KafkaClients.admin("localhost:9092", "a")).containsOnlyKeys("bootstrap.servers", "client.id");
  }

  @Test
  void theNamedFileReachesEveryKindOfClient() throws IOException {
    useFile("""
        # a comment, as Kafka's own tools allow
        security.protocol=SASL_SSL
        sasl.mechanism=PLAIN
        sasl.jaas.config=%s
        ssl.truststore.type=PEM
        ssl.truststore.location=/run/eventca/kafka-tls/kafka-ca.pem
        """.formatted(JAAS));

    List<Properties> clients = List.of(
        KafkaClients.producer("kafka:9092", "p"),
        KafkaClients.transactionalProducer("kafka:9092", "t", "eventca-issuer-worker-1"),
        KafkaClients.consumer("kafka:9092", "eventca-issuer-worker", "c"),
        KafkaClients.admin("kafka:9092", "a"));

    for (Properties client : clients) {
      assertThat(client.getProperty("security.protocol")).isEqualTo("SASL_SSL");
      assertThat(client.getProperty("sasl.mechanism")).isEqualTo("PLAIN");
      // Config provider references are the client's to resolve: they pass through untouched.
      assertThat(client.getProperty("sasl.jaas.config")).isEqualTo(JAAS);
      assertThat(client.getProperty("ssl.truststore.location")).isEqualTo("/run/eventca/kafka-tls/kafka-ca.pem");
      assertThat(client.getProperty("bootstrap.servers")).isEqualTo("kafka:9092");
    }
    assertThat(clients.get(1).getProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG)).isEqualTo("eventca-issuer-worker-1");
    assertThat(clients.get(2).getProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
  }

  @Test
  void theSystemPropertyWinsOverTheEnvironmentVariable() throws IOException {
    Path fromProperty = Files.writeString(dir.resolve("a.properties"), "sasl.mechanism=SCRAM-SHA-512\n");
    Path fromEnvironment = Files.writeString(dir.resolve("b.properties"), "sasl.mechanism=PLAIN\n");

    assertThat(ClientOverrides.load(fromProperty.toString(), fromEnvironment.toString()).getProperty("sasl.mechanism"))
        .isEqualTo("SCRAM-SHA-512");
    assertThat(ClientOverrides.load(null, fromEnvironment.toString()).getProperty("sasl.mechanism")).isEqualTo("PLAIN");
    assertThat(ClientOverrides.load(" ", "")).isEmpty();
  }

  @Test
  void aNamedFileThatCannotBeReadStopsTheServiceWithItsName() {
    Path missing = dir.resolve("missing.properties");
    System.setProperty(ClientOverrides.SYSTEM_PROPERTY, missing.toString());

    assertThatThrownBy(() -> KafkaClients.consumer("kafka:9092", "g", "c"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(ClientOverrides.SYSTEM_PROPERTY)
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> ClientOverrides.load(null, dir.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(ClientOverrides.ENVIRONMENT_VARIABLE);
  }

  @Test
  void theFileCannotChangeWhatEventcaReliesOn() throws IOException {
    useFile("group.id=someone-elses-group\nsecurity.protocol=SASL_SSL\n");

    assertThatThrownBy(() -> KafkaClients.consumer("kafka:9092", "eventca-issuer-worker", "c"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("group.id")
        .hasMessageContaining("eventca-issuer-worker");
    // The same key is harmless where eventca does not set it, and the same value is no conflict.
    assertThat(KafkaClients.producer("kafka:9092", "p").getProperty("group.id")).isEqualTo("someone-elses-group");
    useFile("bootstrap.servers=kafka:9092\n");
    assertThat(KafkaClients.admin("kafka:9092", "a").getProperty("bootstrap.servers")).isEqualTo("kafka:9092");
  }

  private void useFile(String content) throws IOException {
    Path file = Files.writeString(dir.resolve("client.properties"), content);
    System.setProperty(ClientOverrides.SYSTEM_PROPERTY, file.toString());
  }
}
