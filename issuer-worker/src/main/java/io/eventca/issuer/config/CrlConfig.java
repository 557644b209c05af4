package io.eventca.issuer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;

@ConfigMapping(prefix = "eventca.crl")
public interface CrlConfig {
  /**
   * Where relying parties check revocation (crl-publisher); every certificate points at
   * {@code <base-url>/crls/<caId>.crl}, {@code <base-url>/crls/<caId>-delta.crl} and {@code <base-url>/ocsp},
   * so it must be reachable by them, not just by this worker.
   */
  @WithDefault("http://localhost:8082")
  @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) URL without query or fragment")
  String baseUrl();
}
