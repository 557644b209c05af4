package io.eventca.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * How every service reaches Kafka ({@code eventca.kafka.*}): mapped once here, validated at start-up, and read by
 * ca-service, issuer-worker and crl-publisher alike. Client security (SASL, TLS) is not here: it is the client
 * properties file that {@link ClientOverrides} applies to every client.
 */
@ConfigMapping(prefix = "eventca.kafka")
public interface KafkaConfig {
  @WithDefault("localhost:9092")
  @NotBlank
  String bootstrapServers();

  /** Partitions of topics a service creates when they are missing. */
  @WithDefault("6")
  @Min(1)
  @Max(1000)
  int partitions();

  @WithDefault("1")
  @Min(1)
  @Max(10)
  short replicationFactor();
}
