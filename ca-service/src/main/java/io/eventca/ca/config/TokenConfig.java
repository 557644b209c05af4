package io.eventca.ca.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;

/**
 * How bearer tokens are verified. The names are MicroProfile JWT's own, so that smallrye-jwt and this check read
 * the same values; the mapping exists to refuse start-up without a key (smallrye-jwt alone would start and then
 * turn every caller away). It names every mp.jwt.verify property of MicroProfile JWT 2.1, so a misspelt one is
 * an error at start-up too.
 */
@ConfigMapping(prefix = "mp.jwt.verify")
public interface TokenConfig {
  /** File of the token-signing public key (PEM, BEGIN PUBLIC KEY), as {@code ./eventca-token init} writes it. */
  @WithName("publickey.location")
  @NotBlank
  @TokenPublicKeyFile
  String publicKeyLocation();

  /** The iss every token must carry; {@code ./eventca-token} mints "eventca". */
  @Pattern(regexp = "eventca", message = "must be eventca, the issuer ./eventca-token writes into every token")
  String issuer();

  /** ./eventca-token signs RS256 only. */
  @WithName("publickey.algorithm")
  @Pattern(regexp = "RS256", message = "must be RS256, what ./eventca-token signs with")
  String publicKeyAlgorithm();

  /** An inline key; not used here (smallrye-jwt gives it a placeholder default), the key comes from a file. */
  @WithName("publickey")
  Optional<String> inlinePublicKey();

  Optional<List<String>> audiences();

  @WithName("token.age")
  Optional<Long> tokenAge();

  @WithName("clock.skew")
  Optional<Integer> clockSkew();
}
