package io.eventca.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BatchTimingsTest {
  private static final long MS = 1_000_000L;

  @Test
  void givenBatches_whenTheIntervalEnds_thenEachStepsPercentilesAreItsOwn() {
    AtomicLong clock = new AtomicLong();
    BatchTimings timings = new BatchTimings("eventca.test.timings", "checks+sign", clock::get, 10_000 * MS);
    for (int i = 1; i <= 100; i++) {
      // waited i ms, begin 0, checks+sign 2i, send 1, offsets 3, commit 10i
      timings.committed(4, i * MS, 0, 2 * i * MS, MS, 3 * MS, 10 * i * MS);
    }

    String line = timings.summary(10);

    assertThat(line).startsWith("100 batches, 400 records (4.0 per batch) in 10.0 s")
        .contains("waited in topic 50.0/99.0/100.0,")
        .contains("begin 0.0/0.0/0.0,")
        .contains("checks+sign 100.0/198.0/200.0,")
        .contains("send 1.0/1.0/1.0,")
        .contains("offsets 3.0/3.0/3.0,")
        .endsWith("commit 500.0/990.0/1000.0");
  }

  @Test
  void givenNoBatches_thenTheLineSaysSo() {
    assertThat(new BatchTimings("eventca.test.timings", "checks+sign", () -> 0, MS).summary(10)).startsWith("0 batches, 0 records (0.0 per batch)")
        .contains("commit -/-/-");
  }

  @Test
  void whenTheIntervalEnds_thenTheNextStartsEmpty() {
    AtomicLong clock = new AtomicLong();
    BatchTimings timings = new BatchTimings("eventca.test.timings", "checks+sign", clock::get, 10 * MS);
    timings.committed(1, MS, 0, 0, 0, 0, 0);
    clock.set(11 * MS);
    timings.committed(1, MS, 0, 0, 0, 0, 0); // ends the interval: logged and cleared

    assertThat(timings.summary(0)).startsWith("0 batches, 0 records");
  }
}
