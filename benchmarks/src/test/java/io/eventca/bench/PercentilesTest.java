package io.eventca.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankOnOneToAHundred() {
    long[] values = LongStream.rangeClosed(1, 100).toArray();
    assertThat(Percentiles.of(values, 50)).isEqualTo(50);
    assertThat(Percentiles.of(values, 90)).isEqualTo(90);
    assertThat(Percentiles.of(values, 99)).isEqualTo(99);
    assertThat(Percentiles.of(values, 100)).isEqualTo(100);
    assertThat(Percentiles.of(values, 0.5)).isEqualTo(1);
    assertThat(Percentiles.of(values, 50.5)).isEqualTo(51);
  }

  @Test
  void fractionsThatFloatingPointGetsSlightlyWrong() {
    long[] values = LongStream.rangeClosed(1, 1000).toArray();
    assertThat(Percentiles.of(values, 99.9)).isEqualTo(999);
    assertThat(Percentiles.of(values, 99)).isEqualTo(990);
    assertThat(Percentiles.of(LongStream.rangeClosed(1, 10).toArray(), 70)).isEqualTo(7);
  }

  @Test
  void smallSamples() {
    assertThat(Percentiles.of(new long[] {7}, 1)).isEqualTo(7);
    assertThat(Percentiles.of(new long[] {7}, 100)).isEqualTo(7);
    long[] two = {10, 20};
    assertThat(Percentiles.of(two, 50)).isEqualTo(10);
    assertThat(Percentiles.of(two, 51)).isEqualTo(20);
    assertThat(Percentiles.of(two, 99)).isEqualTo(20);
  }

  @Test
  void sortsACopyOfWhatWasRecorded() {
    long[] recorded = {5, 3, 9, 1, 0, 0};
    assertThat(Percentiles.sorted(recorded, 4)).containsExactly(1, 3, 5, 9);
    assertThat(recorded[0]).isEqualTo(5);
    LatencyRecorder recorder = new LatencyRecorder(1);
    for (long v = 100; v > 0; v--) {
      recorder.record(v);
    }
    long[] sorted = recorder.sortedSnapshot();
    assertThat(sorted).hasSize(100);
    assertThat(Percentiles.of(sorted, 50)).isEqualTo(50);
    assertThat(Percentiles.of(sorted, 100)).isEqualTo(100);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> Percentiles.of(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}, 100.1)).isInstanceOf(IllegalArgumentException.class);
  }
}
