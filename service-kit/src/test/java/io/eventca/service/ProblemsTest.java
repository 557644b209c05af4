package io.eventca.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemsTest {
  @Test
  void aProblemInTheVocabularyIsTypedByItsCode() {
    Map<String, Object> body = Problems.body(404, "Not found", "CA x does not exist", Map.of("code", "unknown-ca"));
    assertThat(body).containsExactly(Map.entry("type", "urn:eventca:error:unknown-ca"), Map.entry("title", "Not found"),
        Map.entry("status", 404), Map.entry("detail", "CA x does not exist"), Map.entry("code", "unknown-ca"));
  }

  @Test
  void anyOtherIsAboutBlank_andAnExtensionNeverOverwritesTheStandardMembers() {
    Map<String, Object> body = Problems.body(400, "Malformed JSON", "unexpected end", Map.of("status", 200, "field", "csr"));
    assertThat(body).containsEntry("type", "about:blank").containsEntry("status", 400).containsEntry("field", "csr");
  }

  @Test
  void aCodeOutsideTheVocabularyIsCarriedButDoesNotTypeTheProblem() {
    // A CA row's projection-only failure code (a forged fact it did not believe) is no ErrorCode.
    Map<String, Object> body = Problems.body(422, "Request rejected", "not believed", Map.of("code", "unverified-fact"));
    assertThat(body).containsEntry("type", "about:blank").containsEntry("code", "unverified-fact");
  }

  @Test
  void rateLimitsAndOutagesSayWhenToComeBack() {
    assertThat(Problems.saysWhenToComeBack(429)).isTrue();
    assertThat(Problems.saysWhenToComeBack(503)).isTrue();
    assertThat(Problems.saysWhenToComeBack(500)).isFalse();
    assertThat(Problems.saysWhenToComeBack(404)).isFalse();
  }

  @Test
  void oneTitlePerStatusAtEveryEdge() {
    assertThat(Problems.title(400)).isEqualTo("Invalid input");
    assertThat(Problems.title(503)).isEqualTo("Service unavailable");
    assertThat(Problems.title(418)).isEqualTo("Error");
  }
}
