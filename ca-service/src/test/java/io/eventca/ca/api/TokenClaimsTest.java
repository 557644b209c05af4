package io.eventca.ca.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventca.ca.config.TokenClaimsConfig;
import io.eventca.tokens.Tokens;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The claim rules on their own, and that they are the rules ./eventca-token mints by. */
class TokenClaimsTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final long T = NOW.getEpochSecond();
  private final TokenClaims rules = new TokenClaims(Duration.ofDays(365), Duration.ofSeconds(60));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      what eventca-token writes      | {"sub":"svc-1","upn":"svc-1","groups":["requester"],"iat":IAT,"exp":IAT+86400}
      a year exactly                 | {"sub":"svc-1","groups":["admin"],"iat":IAT,"exp":IAT+31536000}
      iat within the clock skew      | {"sub":"a@b.example","groups":[],"iat":IAT+60,"exp":IAT+3600}
      """)
  void accepted(String name, String claims) {
    assertThatCode(() -> rules.check(json(claims), NOW)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      exp fifty years ahead      | exp    | {"sub":"a","groups":["admin"],"iat":IAT,"exp":IAT+1577880000}
      a year and a second        | exp    | {"sub":"a","groups":["admin"],"iat":IAT,"exp":IAT+31536001}
      no exp                     | exp    | {"sub":"a","groups":["admin"],"iat":IAT}
      exp before iat             | exp    | {"sub":"a","groups":["admin"],"iat":IAT,"exp":IAT-1}
      iat thirty days ahead      | iat    | {"sub":"a","groups":["admin"],"iat":IAT+2592000,"exp":IAT+2595600}
      iat past the clock skew    | iat    | {"sub":"a","groups":["admin"],"iat":IAT+61,"exp":IAT+3600}
      no iat                     | iat    | {"sub":"a","groups":["admin"],"exp":IAT+3600}
      iat a string               | iat    | {"sub":"a","groups":["admin"],"iat":"now","exp":IAT+3600}
      iat a fraction             | iat    | {"sub":"a","groups":["admin"],"iat":1.5,"exp":IAT+3600}
      empty sub                  | sub    | {"sub":"","groups":["admin"],"iat":IAT,"exp":IAT+3600}
      no sub                     | sub    | {"groups":["admin"],"iat":IAT,"exp":IAT+3600}
      sub a number               | sub    | {"sub":7,"groups":["admin"],"iat":IAT,"exp":IAT+3600}
      NUL in sub                 | sub    | {"sub":"a\\u0000b","groups":["admin"],"iat":IAT,"exp":IAT+3600}
      newline in sub             | sub    | {"sub":"a\\nb","groups":["admin"],"iat":IAT,"exp":IAT+3600}
      sub of 129 characters      | sub    | {"sub":"SUB129","groups":["admin"],"iat":IAT,"exp":IAT+3600}
      upn that is not sub        | upn    | {"sub":"a","upn":"b","groups":["admin"],"iat":IAT,"exp":IAT+3600}
      groups a string            | groups | {"sub":"a","groups":"admin","iat":IAT,"exp":IAT+3600}
      groups holding a number    | groups | {"sub":"a","groups":["admin",1],"iat":IAT,"exp":IAT+3600}
      no groups                  | groups | {"sub":"a","iat":IAT,"exp":IAT+3600}
      """)
  void refusedNamingTheClaim(String name, String claim, String claims) {
    assertThatThrownBy(() -> rules.check(json(claims), NOW)).isInstanceOf(TokenClaimRefused.class)
        .satisfies(e -> assertThat(((TokenClaimRefused) e).claim()).isEqualTo(claim));
  }

  @Test
  void aDuplicateClaimOrAPayloadThatIsNoObjectIsRefused() {
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\"}".getBytes());
    String duplicate = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"a\",\"sub\":\"admin\"}".getBytes());
    String array = Base64.getUrlEncoder().withoutPadding().encodeToString("[1]".getBytes());

    assertThatThrownBy(() -> TokenClaims.claims(header + "." + duplicate + ".sig")).isInstanceOf(TokenClaimRefused.class);
    assertThatThrownBy(() -> TokenClaims.claims(header + "." + array + ".sig")).isInstanceOf(TokenClaimRefused.class);
    assertThatThrownBy(() -> TokenClaims.claims("not-a-jws")).isInstanceOf(TokenClaimRefused.class);
  }

  /** ./eventca-token and ca-service agree: same subjects, same longest lifetime. */
  @Test
  void theRulesAreTheOnesTheTokenToolMintsBy() throws Exception {
    assertThat(TokenClaims.SUBJECT.pattern()).isEqualTo(Tokens.SUBJECT.pattern());
    assertThat(TokenClaimsConfig.class.getMethod("maxLifetimeDays").getAnnotation(WithDefault.class).value())
        .isEqualTo(String.valueOf(Tokens.MAX_DAYS));
    assertThat(io.eventca.events.ids.RequesterName.class).as("requesters are named by their token's subject").isNotNull();
    assertThatCode(() -> new io.eventca.events.ids.RequesterName("a".repeat(128))).doesNotThrowAnyException();
  }

  private static JsonNode json(String template) throws Exception {
    String text = template.replace("SUB129", "a".repeat(129));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("IAT([+-]\\d+)?").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, String.valueOf(T + (m.group(1) == null ? 0 : Long.parseLong(m.group(1)))));
    }
    m.appendTail(out);
    return new ObjectMapper().readTree(out.toString());
  }
}
