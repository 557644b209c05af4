package io.eventca.crl.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The key-encryption key that unwraps CA keys. Required: a service that cannot sign must not start. */
@ConfigMapping(prefix = "eventca.custody")
public interface CustodyConfig {
  @WithDefault("kek-1")
  @NotBlank
  String kekId();

  /** Base64 of exactly 32 bytes: 42 free characters, a last one whose low bits are zero, and one pad. */
  @Pattern(regexp = "[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=", message = "must be base64 of 32 bytes")
  String kek();
}
