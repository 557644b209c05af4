package io.eventca.crl.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

@ConfigMapping(prefix = "eventca.kafka")
public interface KafkaConfig {
  @NotBlank
  String bootstrapServers();

  @WithDefault("6")
  @Min(1)
  @Max(1000)
  int partitions();

  @WithDefault("1")
  @Min(1)
  @Max(10)
  short replicationFactor();
}
