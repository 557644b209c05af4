package io.eventca.ca;

import static io.restassured.RestAssured.given;

import io.eventca.tokens.TokenKeys;
import io.eventca.tokens.Tokens;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

/**
 * Bearer tokens for the tests' callers, minted by the tokens module (as ./eventca-token does) with the test-only
 * key whose public half the test profile verifies with (src/test/resources/tokens).
 */
final class TestTokens {
  static final String ADMIN = "test-admin";
  static final String OPERATOR = "test-operator";
  private static final PrivateKey KEY = TokenKeys.readPrivateKey(Path.of("src/test/resources/tokens/token-signing-key.pem"));
  private static final String ADMIN_TOKEN = token(ADMIN, "admin");

  private TestTokens() {}

  static String token(String subject, String role) {
    Instant now = Instant.now();
    return Tokens.mint(KEY, Tokens.ISSUER, subject, role, now, now.plus(Duration.ofHours(1)));
  }

  static RequestSpecification asAdmin() {
    return given().auth().oauth2(ADMIN_TOKEN);
  }

  static RequestSpecification as(String subject, String role) {
    return given().auth().oauth2(token(subject, role));
  }

  /** Signed with the right key, but its exp lies an hour in the past (beyond any clock skew allowance). */
  static String expired() {
    Instant now = Instant.now();
    return Tokens.mint(KEY, Tokens.ISSUER, ADMIN, "admin", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
  }

  /** Every claim right, signed by a key ca-service does not know. */
  static String signedByAnotherKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      Instant now = Instant.now();
      return Tokens.mint(generator.generateKeyPair().getPrivate(), Tokens.ISSUER, ADMIN, "admin", now, now.plus(Duration.ofHours(1)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The right key, but not issued by eventca. */
  static String wrongIssuer() {
    Instant now = Instant.now();
    return Tokens.mint(KEY, "someone-else", ADMIN, "admin", now, now.plus(Duration.ofHours(1)));
  }
}
