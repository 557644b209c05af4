package io.eventca.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Where a {@link TransactionalBatchLoop} batch's time goes, for the benchmarks (docs/BENCHMARKS.md): how long its oldest
 * record waited in the topic before the poll returned it, then each step of the transaction. Off unless the service's
 * timings logger (issuer-worker: {@code eventca.issuer.timings}) is at DEBUG (all lowercase, so an environment variable
 * can set it: {@code QUARKUS_LOG_CATEGORY__EVENTCA_ISSUER_TIMINGS__LEVEL=DEBUG}); then one summary line per interval.
 * Used by the loop's thread only.
 */
public final class BatchTimings {
  private static final int KEPT = 20_000;

  /** The steps of one batch, in order. */
  enum Step {
    WAITED_IN_TOPIC,
    BEGIN,
    PROCESS,
    SEND,
    OFFSETS,
    COMMIT
  }

  private final Logger log;
  private final String[] labels;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private final long[][] samples = new long[Step.values().length][KEPT];
  private int batches;
  private long records;
  private long windowStart;

  /**
   * @param category the logger that says whether to time and gets the summary lines
   * @param processLabel what the service calls its processing of a batch in the summary line ("checks+sign")
   */
  public BatchTimings(String category, String processLabel, LongSupplier nanoClock, long intervalNanos) {
    this.log = Logger.getLogger(category);
    this.labels = new String[] {"waited in topic", "begin", processLabel, "send", "offsets", "commit"};
    this.nanoClock = nanoClock;
    this.intervalNanos = intervalNanos;
    this.windowStart = nanoClock.getAsLong();
  }

  boolean enabled() {
    return log.isDebugEnabled();
  }

  /** One committed batch: the nanoseconds each step took, in {@link Step} order. */
  void committed(int recordCount, long... stepNanos) {
    if (batches < KEPT) {
      for (int s = 0; s < stepNanos.length; s++) {
        samples[s][batches] = stepNanos[s];
      }
      batches++;
    }
    records += recordCount;
    long now = nanoClock.getAsLong();
    if (now - windowStart >= intervalNanos) {
      log.debug(summary((now - windowStart) / 1e9));
      batches = 0;
      records = 0;
      windowStart = now;
    }
  }

  /** The line logged per interval: batches, records, and p50 / p99 / max milliseconds per step. */
  String summary(double seconds) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "%d batches, %d records (%.1f per batch) in %.1f s; ms per batch p50/p99/max:", batches, records,
        batches == 0 ? 0.0 : (double) records / batches, seconds));
    for (Step step : Step.values()) {
      long[] sorted = Arrays.copyOf(samples[step.ordinal()], batches);
      Arrays.sort(sorted);
      line.append(String.format(Locale.ROOT, " %s %s/%s/%s%s", labels[step.ordinal()], ms(sorted, 0.50), ms(sorted, 0.99),
          ms(sorted, 1.0), step.ordinal() == Step.values().length - 1 ? "" : ","));
    }
    return line.toString();
  }

  private static String ms(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return "-";
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return String.format(Locale.ROOT, "%.1f", sorted[Math.max(0, index)] / 1e6);
  }
}
