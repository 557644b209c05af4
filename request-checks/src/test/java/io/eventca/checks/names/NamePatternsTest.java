package io.eventca.checks.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** allowedNames as ca-service records them and issuer-worker applies them: one reading. */
class NamePatternsTest {
  @ParameterizedTest
  @ValueSource(strings = {"db.internal", "*.svc.internal", "10.0.0.1", "fd00::1", "single"})
  void patternsAnAdminMayRegister(String pattern) {
    assertThat(NamePatterns.problem(pattern)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "*.internal", "a.*.example", "**.example", "010.0.0.1", "127.1", "under_score.example", "",
      "*.10.0.0.1"})
  void patternsThatAreRefused(String pattern) {
    assertThat(NamePatterns.problem(pattern)).isPresent();
  }

  @ParameterizedTest
  @CsvSource({
    "*.svc.internal, a.svc.internal, true",
    "*.svc.internal, a.b.svc.internal, true",
    "*.svc.internal, svc.internal, false",
    "*.svc.internal, *.svc.internal, true",
    "*.svc.internal, *.a.svc.internal, false",
    "*.svc.internal, evilsvc.internal, false",
    "db.internal, DB.Internal, true",
    "fd00::1, fd00:0:0:0:0:0:0:1, true",
    "10.0.0.1, 10.0.0.1, true",
    "*.svc.internal, 10.0.0.1, false",
    "::ffff:10.0.0.1, 10.0.0.1, false",
    "*.svc.internal, **.svc.internal, false",
    "*.svc.internal, a b.svc.internal, false",
    "*.svc.internal, a.svc.internal., false"
  })
  void whatAPatternAllows(String pattern, String name, boolean allowed) {
    assertThat(NamePatterns.matches(pattern, name)).isEqualTo(allowed);
  }
}
