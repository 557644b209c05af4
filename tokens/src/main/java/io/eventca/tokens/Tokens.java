package io.eventca.tokens;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Bearer tokens for ca-service: RS256 JWTs with iss {@value #ISSUER}, the principal in sub and upn (upn is what
 * MicroProfile JWT names the caller by), one role in groups, and iat, exp, jti.
 */
public final class Tokens {
  public static final String ISSUER = "eventca";
  public static final int DEFAULT_DAYS = 30;
  /** A year: longer-lived bearer tokens are passwords nobody rotates. */
  public static final int MAX_DAYS = 365;
  /**
   * Audit fields and the ca-service projections keep the principal in 256 characters; 128 leaves room. ca-service
   * refuses any other subject (its TokenClaims holds the same pattern, and a test keeps the two equal).
   */
  public static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");

  /** What a caller may do in ca-service; docs/SECURITY.md has the table. */
  public enum Role {
    admin,
    operator,
    requester;

    public static Role of(String name) {
      for (Role role : values()) {
        if (role.name().equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
          return role;
        }
      }
      throw new TokenException("--role must be one of admin, operator, requester, was '" + name + "'");
    }
  }

  private Tokens() {}

  /** A token for {@code subject} in {@code role}, valid from now for {@code days} days (1 to {@value #MAX_DAYS}). */
  public static String mint(PrivateKey key, String subject, Role role, int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new TokenException("--days must be between 1 and " + MAX_DAYS + ", was " + days);
    }
    Instant now = Instant.now();
    return mint(key, ISSUER, subject, role.name(), now, now.plus(Duration.ofDays(days)));
  }

  /**
   * Every claim chosen by the caller, for tests that need expired tokens or a foreign issuer; still never a token that
   * ca-service refuses for its shape (a lifetime over {@value #MAX_DAYS} days, exp not after iat, a bad subject).
   */
  public static String mint(PrivateKey key, String issuer, String subject, String role, Instant issuedAt, Instant expiresAt) {
    if (subject == null || !SUBJECT.matcher(subject).matches()) {
      throw new TokenException("--subject must be 1 to 128 characters of letters, digits and . _ @ : -"
          + " starting with a letter or digit, was '" + subject + "'");
    }
    if (!expiresAt.isAfter(issuedAt) || Duration.between(issuedAt, expiresAt).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw new TokenException("a token lives more than 0 and at most " + MAX_DAYS + " days, was " + issuedAt + " to " + expiresAt);
    }
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setSubject(subject);
    claims.setClaim("upn", subject);
    claims.setStringListClaim("groups", List.of(role));
    claims.setIssuedAt(NumericDate.fromMilliseconds(issuedAt.toEpochMilli()));
    claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
    claims.setJwtId(UUID.randomUUID().toString());

    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("signing the token failed", e);
    }
  }
}
