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
  void aLongValueIsCutAndSaysHowLongItWas() {
    String said = Echo.of("x".repeat(10_000));
    assertThat(said).hasSize(Echo.MAX + "...(10000 characters)".length()).endsWith("...(10000 characters)");
  }
}
