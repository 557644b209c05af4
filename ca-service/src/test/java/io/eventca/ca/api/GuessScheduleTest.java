package io.eventca.ca.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GuessScheduleTest {
  private final GuessSchedule defaults = new GuessSchedule(3, 1, 300, 10);

  @Test
  void threeFreeFailures_thenTheWaitDoublesFromOneSecond_upToTheCap() {
    assertThat(IntStream.rangeClosed(1, 13).mapToObj(defaults::delayAfter).map(Duration::toSeconds).toList())
        .containsExactly(0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L);
    assertThat(defaults.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void theTenthFailureOnACertificateLocksIt() {
    assertThat(defaults.locks(9)).isFalse();
    assertThat(defaults.locks(10)).isTrue();
    assertThat(defaults.attemptsLeft(7)).isEqualTo(3);
    assertThat(defaults.attemptsLeft(12)).isZero();
  }
}
