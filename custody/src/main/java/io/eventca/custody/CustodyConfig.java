package io.eventca.custody;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where CA keys are kept ({@code eventca.custody.*}): mapped once here for the two services that sign, issuer-worker
 * and crl-publisher (only they depend on this module). Which values are required depends on {@code type}, so
 * {@link Custodies#create} checks them at start-up and names the missing one; the KEKs and the PIN are never printed.
 */
@ConfigMapping(prefix = "eventca.custody")
public interface CustodyConfig {
  @WithDefault("kek")
  CustodySettings.Type type();

  @WithDefault("kek-1")
  String kekId();

  /** Base64 of 32 random bytes (env EVENTCA_CUSTODY_KEK), e.g. from {@code openssl rand -base64 32}. */
  Optional<String> kek();

  /** {@code id=base64,id=base64} (env EVENTCA_CUSTODY_PREVIOUS_KEKS): KEKs being rotated out. */
  Optional<List<String>> previousKeks();

  Pkcs11 pkcs11();

  interface Pkcs11 {
    @WithDefault("/usr/lib/softhsm/libsofthsm2.so")
    Path library();

    Optional<String> token();

    Optional<String> pin();
  }

  default CustodySettings settings() {
    return CustodySettings.of(type(), kekId(), kek(), previousKeks().orElse(List.of()), pkcs11().library(),
        pkcs11().token(), pkcs11().pin());
  }
}
