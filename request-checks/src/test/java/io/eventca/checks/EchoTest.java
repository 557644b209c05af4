package io.eventca.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {
  @Test
  void onlyPrintableAsciiIsSaidBack() {
    assertThat(Echo.of("server")).isEqualTo("server");
    assertThat(Echo.of("srv\nFAKE LOG LINE")).isEqualTo("srv?FAKE LOG LINE");
    assertThat(Echo.of("a\u202Eb\u0000c\u00e9")).isEqualTo("a?b?c?");
    assertThat(Echo.of(null)).isEqualTo("(none)");
  }

  @Test
  void aLongValueIsSaidByItsHeadAndTail_andHowLongItWas() {
    String said = Echo.of("a".repeat(90) + ".evil.example");
    assertThat(said).isEqualTo("a".repeat(40) + "..." + "a".repeat(27) + ".evil.example (103 characters)");
  }
}
