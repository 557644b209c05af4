package io.eventca.crl.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

@ConfigMapping(prefix = "eventca.ocsp")
public interface OcspConfig {
  /** Whose key signs OCSP responses (RFC 6960 4.2.2.2). */
  enum Responder {
    /** The CA key itself: nothing more for clients to check, but every answer unwraps the CA key. */
    CA,
    /** A short-lived responder certificate per CA, made in memory, so the CA key signs only that certificate. */
    DELEGATED
  }

  @WithDefault("ca")
  Responder responder();

  /** thisUpdate to nextUpdate of every answer: how long a client or cache may rely on it. */
  @WithDefault("PT1H")
  @DurationMin(minutes = 1)
  Duration validity();

  /** Lifetime of a delegated responder certificate; a new one is made when less than half of it remains. */
  @WithDefault("P2D")
  @DurationMin(hours = 1)
  Duration delegatedValidity();
}
