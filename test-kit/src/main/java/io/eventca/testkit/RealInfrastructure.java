package io.eventca.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * For {@code @QuarkusTestResource}: points a Quarkus service at the JVM's real Kafka broker and at a fresh
 * database in the JVM's private PostgreSQL.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    String bootstrap = KafkaBroker.bootstrapServers();
    PostgresServer pg = PostgresServer.get();
    String db = pg.createDatabase("eventca_test");
    return Map.of(
        "eventca.kafka.bootstrap-servers", bootstrap,
        "quarkus.datasource.jdbc.url", pg.jdbcUrl(db),
        "quarkus.datasource.reactive.url", pg.reactiveUrl(db),
        "quarkus.datasource.username", pg.user(),
        "quarkus.datasource.password", "");
  }

  @Override
  public void stop() {
    // The broker and the database live as long as the test JVM, shared by every test class in it.
  }
}
