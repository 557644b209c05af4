package io.eventca.ca.projection;

/** Where on the log a fact was read: what a certificate's timeline names, so each entry can be read back from Kafka. */
public record LogPosition(String topic, int partition, long offset, java.time.Instant timestamp) {}
