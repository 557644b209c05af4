package io.eventca.checks.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.checks.subject.SubjectAttribute;
import org.junit.jupiter.api.Test;

/** The allowedSubject patterns as registration records them and the worker applies them. */
class SubjectPatternsTest {
  @Test
  void aPatternIsATextASubjectCouldHold() {
    assertThat(SubjectPatterns.problem(SubjectAttribute.ORGANIZATION, "Example *")).isEmpty();
    assertThat(SubjectPatterns.problem(SubjectAttribute.ORGANIZATION, "*")).isEmpty();
    assertThat(SubjectPatterns.problem(SubjectAttribute.ORGANIZATION, "")).isPresent();
    assertThat(SubjectPatterns.problem(SubjectAttribute.ORGANIZATION, null)).isPresent();
    assertThat(SubjectPatterns.problem(SubjectAttribute.ORGANIZATION, "Evil\u0000Corp")).isPresent();
    assertThat(SubjectPatterns.problem(SubjectAttribute.COUNTRY, "PTX")).hasValueSatisfying(p -> assertThat(p).contains("1 to 2"));
  }

  @Test
  void theStarStandsForAnyTextAndNothingElseIsSpecial() {
    assertThat(SubjectPatterns.matches("Example *", "Example Corp", SubjectAttribute.ORGANIZATION)).isTrue();
    assertThat(SubjectPatterns.matches("Example *", "Example", SubjectAttribute.ORGANIZATION)).isFalse();
    assertThat(SubjectPatterns.matches("a.c", "abc", SubjectAttribute.ORGANIZATIONAL_UNIT)).isFalse();
    assertThat(SubjectPatterns.matches("*", "anything at all", SubjectAttribute.LOCALITY)).isTrue();
    assertThat(SubjectPatterns.matches("Ops", "ops", SubjectAttribute.ORGANIZATIONAL_UNIT)).isFalse();
  }

  @Test
  void eMailAddressesAndDomainComponentsIgnoreLetterCase() {
    assertThat(SubjectPatterns.matches("*@Example.test", "ops@example.TEST", SubjectAttribute.EMAIL)).isTrue();
    assertThat(SubjectPatterns.matches("Example", "example", SubjectAttribute.DOMAIN_COMPONENT)).isTrue();
  }
}
