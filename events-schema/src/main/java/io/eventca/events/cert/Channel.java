package io.eventca.events.cert;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a certificate request came in: ca-service's REST API, or a fleet service's signed record on Kafka. */
public enum Channel {
  REST("rest"),
  FLEET("fleet");

  private final String wire;

  Channel(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }
}
