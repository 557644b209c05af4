package io.eventca.events.cert;

/** Where a certificate request came in: ca-service's REST API, or a fleet service's signed record on Kafka. */
public enum Channel {
  rest,
  fleet
}
