package io.eventca.service;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The operator's settings for every Kafka client a service creates: a standard Kafka client properties file
 * (security.protocol, sasl.*, ssl.*, config.providers, ...) named by {@value #SYSTEM_PROPERTY} or, failing that,
 * {@value #ENVIRONMENT_VARIABLE}. Connection security is the deployment's business, so it is not a service
 * setting; and one file per principal is what Kafka's own tools take too ({@code --command-config}).
 */
public final class ClientOverrides {
  public static final String ENVIRONMENT_VARIABLE = "EVENTCA_KAFKA_CLIENT_PROPERTIES";
  public static final String SYSTEM_PROPERTY = "eventca.kafka.client-properties";

  private ClientOverrides() {}

  /** What the configured file holds; empty when none is named. Read on every call: clients are made rarely. */
  public static Properties current() {
    return load(System.getProperty(SYSTEM_PROPERTY), System.getenv(ENVIRONMENT_VARIABLE));
  }

  static Properties load(String fromSystemProperty, String fromEnvironment) {
    String source = SYSTEM_PROPERTY;
    String named = fromSystemProperty;
    if (named == null || named.isBlank()) {
      source = ENVIRONMENT_VARIABLE;
      named = fromEnvironment;
    }
    if (named == null || named.isBlank()) {
      return new Properties();
    }
    Path file = Path.of(named.strip());
    Properties loaded = new Properties();
    // Fail at start-up: a service that silently fell back to an unauthenticated connection would look broken
    // (every request refused) far from the cause.
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      loaded.load(in);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          source + " names the Kafka client properties file " + file.toAbsolutePath() + ", which cannot be read: " + e, e);
    }
    return loaded;
  }

  /**
   * Adds {@code overrides} to {@code settings}. A key eventca already set (group id, transactional id, isolation
   * level, serializers, ...) keeps its value: it carries eventca's exactly-once and ordering guarantees, so a
   * file that sets it to something else is refused rather than obeyed or ignored.
   */
  static Properties applyTo(Properties settings, Properties overrides, String describedAs) {
    for (Map.Entry<Object, Object> entry : overrides.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Object mine = settings.get(key);
      if (mine != null && !Objects.equals(String.valueOf(mine), String.valueOf(entry.getValue()))) {
        throw new IllegalStateException("the Kafka client properties file sets " + key + ", which eventca sets itself for "
            + describedAs + " (" + mine + "); remove it from the file");
      }
      settings.put(key, entry.getValue());
    }
    return settings;
  }
}
