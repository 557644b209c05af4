package io.eventca.issuer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

@ConfigMapping(prefix = "eventca.kafka")
public interface KafkaConfig {
  @WithDefault("localhost:9092")
  @NotBlank
  String bootstrapServers();

  /** Partitions of topics this service creates when they are missing. */
  @WithDefault("6")
  @Min(1)
  @Max(1000)
  int partitions();

  @WithDefault("1")
  @Min(1)
  @Max(10)
  short replicationFactor();
}
