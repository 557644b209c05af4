package io.eventca.ca.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@ConfigMapping(prefix = "eventca.api")
public interface ApiConfig {
  /** The longest {@code Prefer: wait=N} honoured, in seconds (RFC 7240 lets the server cap it). */
  @WithDefault("60")
  @Min(0)
  @Max(600)
  int maxWaitSeconds();

  /** Where crl-publisher serves CRLs, for the links in CA views. */
  @WithDefault("http://localhost:8082")
  String crlBaseUrl();

  /** The most rows a search answers in one page. */
  @WithDefault("1000")
  @Min(1)
  @jakarta.validation.constraints.Max(100_000)
  int maxPageSize();

  /**
   * The client CA: the one eventca CA whose certificates (issued by it directly) log in over mutual TLS. Without it,
   * client certificates give no identity. The HTTPS port's trust store must hold this CA's certificate.
   */
  java.util.Optional<String> clientCaId();
}
