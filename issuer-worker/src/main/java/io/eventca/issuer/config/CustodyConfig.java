package io.eventca.issuer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;

/**
 * The key-encryption key that wraps CA private keys. {@code kek} has no default: a worker without it must
 * not start (its length is checked by {@link Kek} at start-up, without ever printing the value).
 */
@ConfigMapping(prefix = "eventca.custody")
public interface CustodyConfig {
  @WithDefault("kek-1")
  @NotBlank
  String kekId();

  /** Base64 of 32 random bytes (env EVENTCA_CUSTODY_KEK), e.g. from {@code openssl rand -base64 32}. */
  @NotBlank
  String kek();
}
