package io.eventca.ca.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventca.ca.config.TokenClaimsConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a bearer token must say, beyond what smallrye-jwt checks (signature, iss, exp not passed): the rules
 * ./eventca-token mints by. Read from the verified token's own JSON, not smallrye's view of it, which turns a string
 * "groups" into a set and lets a control character through into audit fields and SQL. A token that breaks one is a 401
 * naming the claim (RFC 6750 invalid_token).
 */
@ApplicationScoped
public class TokenClaims implements SecurityIdentityAugmentor {
  /** The subjects ./eventca-token mints (Tokens.SUBJECT), which are also the names of requesters (RequesterName). */
  static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Duration maxLifetime;
  private final Duration clockSkew;

  @Inject
  public TokenClaims(TokenClaimsConfig config) {
    this(Duration.ofDays(config.maxLifetimeDays()), Duration.ofSeconds(config.clockSkewSeconds()));
  }

  TokenClaims(Duration maxLifetime, Duration clockSkew) {
    this.maxLifetime = maxLifetime;
    this.clockSkew = clockSkew;
  }

  @Override
  public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.getPrincipal() instanceof JsonWebToken token) {
      try {
        check(claims(token.getRawToken()), Instant.now());
      } catch (TokenClaimRefused e) {
        return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage(), e));
      }
    }
    return Uni.createFrom().item(identity);
  }

  /**
   * Why smallrye-jwt refused a token, when the reason is a claim (a missing iat or sub, a string for a number): the
   * same rules read from the token it refused, to name the claim. Only to word the 401; the token is refused anyway.
   */
  Optional<TokenClaimRefused> explain(String compact) {
    try {
      check(claims(compact), Instant.now());
      return Optional.empty();
    } catch (TokenClaimRefused e) {
      return e.claim().equals("token") ? Optional.empty() : Optional.of(e);
    }
  }

  /** Throws TokenClaimRefused for the first claim that breaks a rule. */
  void check(JsonNode claims, Instant now) {
    String sub = subject(claims);
    JsonNode upn = claims.get("upn");
    if (upn != null && !(upn.isTextual() && upn.asText().equals(sub))) {
      throw new TokenClaimRefused("upn", "must equal sub: the caller is named by it");
    }
    long exp = seconds(claims, "exp", "is required: when the token expires");
    long iat = seconds(claims, "iat", "is required: when the token was issued");
    if (iat > now.plus(clockSkew).getEpochSecond()) {
      throw new TokenClaimRefused("iat", "lies in the future (more than " + clockSkew.toSeconds() + " s ahead of ca-service's clock)");
    }
    if (exp <= iat) {
      throw new TokenClaimRefused("exp", "must be after iat");
    }
    if (exp - iat > maxLifetime.toSeconds()) {
      throw new TokenClaimRefused("exp", "is more than " + maxLifetime.toDays() + " days after iat: tokens live at most that long"
          + " (./eventca-token mint --days)");
    }
    JsonNode groups = claims.get("groups");
    if (groups == null || !groups.isArray()) {
      throw new TokenClaimRefused("groups", "must be a JSON array of role names, e.g. [\"requester\"]");
    }
    for (JsonNode group : groups) {
      if (!group.isTextual()) {
        throw new TokenClaimRefused("groups", "must hold strings only (role names)");
      }
    }
  }

  private static String subject(JsonNode claims) {
    JsonNode sub = claims.get("sub");
    if (sub == null || !sub.isTextual() || sub.asText().isEmpty()) {
      throw new TokenClaimRefused("sub", "is required: the caller's name");
    }
    if (!SUBJECT.matcher(sub.asText()).matches()) {
      throw new TokenClaimRefused("sub", "must be 1 to 128 letters, digits and . _ @ : - starting with a letter or digit"
          + " (no control characters)");
    }
    return sub.asText();
  }

  private static long seconds(JsonNode claims, String name, String missing) {
    JsonNode value = claims.get(name);
    if (value == null || value.isNull()) {
      throw new TokenClaimRefused(name, missing);
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new TokenClaimRefused(name, "must be a NumericDate: whole seconds since 1970");
    }
    return value.asLong();
  }

  /** The payload of a compact JWS whose signature smallrye-jwt has already verified. */
  static JsonNode claims(String compact) {
    String[] parts = compact == null ? new String[0] : compact.split("\\.", -1);
    if (parts.length != 3) {
      throw new TokenClaimRefused("token", "must be a compact JWS (header.payload.signature)");
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (claims == null || !claims.isObject()) {
        throw new TokenClaimRefused("token", "payload must be a JSON object of claims");
      }
      return claims;
    } catch (IOException | IllegalArgumentException e) {
      throw new TokenClaimRefused("token", "payload must be a JSON object of claims, each named once");
    }
  }
}
