package io.eventca.ca.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** What ca-service asks of a bearer token's claims beyond its signature, issuer and expiry (see TokenClaims). */
@ConfigMapping(prefix = "eventca.tokens")
public interface TokenClaimsConfig {
  /** The longest lifetime (exp - iat) a token may have; ./eventca-token mint --days allows at most 365. */
  @WithDefault("365")
  @Min(1)
  @Max(3650)
  int maxLifetimeDays();

  /** How far in the future iat may lie, for clocks that disagree a little. */
  @WithDefault("60")
  @Min(0)
  @Max(3600)
  int clockSkewSeconds();
}
