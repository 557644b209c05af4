package io.eventca.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenToolTest {
  @TempDir Path dir;
  /** One key pair for the tests that only mint: RSA-3072 generation takes about a second each time. */
  @TempDir static Path shared;

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = TokenTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @org.junit.jupiter.api.BeforeAll
  static void sharedKeys() {
    assertThat(run("init", shared.toString()).exit()).isZero();
  }

  private static Path sharedKey() {
    return shared.resolve(TokenKeys.PRIVATE_KEY_FILE);
  }

  private static PublicKey sharedPublicKey() {
    return TokenKeys.readPublicKey(shared.resolve(TokenKeys.PUBLIC_KEY_FILE));
  }

  private static JwtClaims verify(String token, PublicKey key) throws InvalidJwtException {
    JwtConsumer consumer = new JwtConsumerBuilder().setRequireExpirationTime().setRequireIssuedAt().setRequireJwtId()
        .setExpectedIssuer(Tokens.ISSUER).setVerificationKey(key).build();
    return consumer.processToClaims(token);
  }

  @Test
  void initWritesAnOwnerOnlyPrivateKeyAndAPublicKey_andRefusesToOverwriteThem() throws Exception {
    Path keys = dir.resolve("fresh");
    Result first = run("init", keys.toString());

    assertThat(first.exit()).as(first.err()).isZero();
    Path privateKey = keys.resolve("token-signing-key.pem");
    Path publicKey = keys.resolve("token-signing.pub.pem");
    assertThat(Files.getPosixFilePermissions(privateKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(((java.security.interfaces.RSAKey) TokenKeys.readPublicKey(publicKey)).getModulus().bitLength()).isEqualTo(3072);
    assertThat(first.out()).contains(privateKey.toString(), publicKey.toString());

    String before = Files.readString(privateKey);
    Result second = run("init", keys.toString());
    assertThat(second.exit()).isEqualTo(2);
    assertThat(second.err()).contains("already exists");
    assertThat(Files.readString(privateKey)).isEqualTo(before);
  }

  @Test
  void initRefusesWhenOnlyThePublicKeyIsLeft() throws Exception {
    Files.writeString(dir.resolve(TokenKeys.PUBLIC_KEY_FILE), "old");

    Result result = run("init", dir.toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(dir.resolve(TokenKeys.PRIVATE_KEY_FILE)).doesNotExist();
  }

  @Test
  void aMintedTokenVerifiesWithThePublicKey_andCarriesTheClaims() throws Exception {
    Result minted = run("mint", "--key", sharedKey().toString(), "--subject", "svc-7", "--role", "requester", "--days", "7");

    assertThat(minted.exit()).as(minted.err()).isZero();
    JwtClaims claims = verify(minted.out().strip(), sharedPublicKey());
    assertThat(claims.getIssuer()).isEqualTo("eventca");
    assertThat(claims.getSubject()).isEqualTo("svc-7");
    assertThat(claims.getStringClaimValue("upn")).isEqualTo("svc-7");
    assertThat(claims.getStringListClaimValue("groups")).isEqualTo(List.of("requester"));
    assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(7 * 86_400L);
    assertThat(claims.getJwtId()).isNotBlank();
  }

  @Test
  void theDefaultLifetimeIsThirtyDays_andEveryTokenHasItsOwnId() throws Exception {
    Path key = sharedKey();
    PublicKey publicKey = sharedPublicKey();

    JwtClaims a = verify(run("mint", "--key", key.toString(), "--subject", "root", "--role", "admin").out().strip(), publicKey);
    JwtClaims b = verify(run("mint", "--key", key.toString(), "--subject", "root", "--role", "admin").out().strip(), publicKey);

    assertThat(a.getExpirationTime().getValue() - a.getIssuedAt().getValue()).isEqualTo(30 * 86_400L);
    assertThat(a.getJwtId()).isNotEqualTo(b.getJwtId());
  }

  /** ca-service refuses these shapes (TokenClaims); the tool must not be the one to make them, even through its API. */
  @Test
  void noTokenLivesLongerThanAYearOrEndsBeforeItBegins() {
    java.security.PrivateKey key = TokenKeys.readPrivateKey(sharedKey());
    java.time.Instant now = java.time.Instant.now();

    assertThat(Tokens.mint(key, Tokens.ISSUER, "svc", "admin", now, now.plus(java.time.Duration.ofDays(365)))).isNotBlank();
    assertThatThrownBy(() -> Tokens.mint(key, Tokens.ISSUER, "svc", "admin", now, now.plus(java.time.Duration.ofDays(365)).plusSeconds(1)))
        .isInstanceOf(TokenException.class).hasMessageContaining("at most 365 days");
    assertThatThrownBy(() -> Tokens.mint(key, Tokens.ISSUER, "svc", "admin", now, now)).isInstanceOf(TokenException.class);
  }

  @Test
  void aTokenDoesNotVerifyWithAnotherKey() throws Exception {
    Path key = sharedKey();
    String token = run("mint", "--key", key.toString(), "--subject", "ops", "--role", "operator").out().strip();

    PublicKey other = TokenKeys.generate().getPublic();

    assertThatThrownBy(() -> verify(token, other)).isInstanceOf(InvalidJwtException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      no command                 | ""                                                              | a command is required
      unknown command            | sign                                                            | unknown command 'sign'
      init without a directory   | init                                                            | init takes exactly one argument
      mint without a role        | mint --key KEY --subject a                                      | mint needs --key, --subject and --role
      an unknown role            | mint --key KEY --subject a --role root                          | --role must be one of admin, operator, requester
      zero days                  | mint --key KEY --subject a --role admin --days 0                | --days must be between 1 and 365
      more than a year           | mint --key KEY --subject a --role admin --days 366              | --days must be between 1 and 365
      days that are no number    | mint --key KEY --subject a --role admin --days soon             | --days must be a whole number
      a subject with spaces      | mint --key KEY --subject 'a b' --role admin                     | --subject must be 1 to 128 characters
      an option twice            | mint --key KEY --subject a --subject b --role admin             | --subject is given twice
      an unknown option          | mint --key KEY --subject a --role admin --ttl 3                 | unknown option '--ttl'
      an option without a value  | mint --key KEY --subject a --role                               | --role needs a value
      a missing key file         | mint --key MISSING --subject a --role admin                     | does not exist
      the public key as key      | mint --key PUBLIC --subject a --role admin                      | has no -----BEGIN PRIVATE KEY----- block
      """)
  void badArgumentsExitWithTwoAndSayWhatIsWrong(String name, String line, String message) {
    String[] args = line.isEmpty() ? new String[0] : split(line.replace("KEY", sharedKey().toString())
        .replace("MISSING", dir.resolve("nope.pem").toString()).replace("PUBLIC", shared.resolve(TokenKeys.PUBLIC_KEY_FILE).toString()));

    Result result = run(args);

    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).contains(message);
    assertThat(result.out()).isEmpty();
  }

  /** Splits on spaces, keeping 'quoted words' together. */
  private static String[] split(String line) {
    List<String> words = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return words.toArray(String[]::new);
  }
}
