package io.eventca.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** For {@code @QuarkusTestResource} in services without a database: points them at the JVM's real Kafka broker. */
public class RealKafka implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of("eventca.kafka.bootstrap-servers", KafkaBroker.bootstrapServers());
  }

  @Override
  public void stop() {
    // The broker lives as long as the test JVM.
  }
}
