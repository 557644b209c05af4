package io.eventca.bench;

import java.util.Arrays;

/** Nearest-rank percentiles over a sorted sample: the smallest value with at least p% of the sample at or below it. */
public final class Percentiles {
  private Percentiles() {}

  /**
   * @param sorted ascending values, not empty
   * @param p percentile, greater than 0 and at most 100
   */
  public static long of(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
    }
    // p * n / 100 in floating point can land a hair above a whole number (99.9% of 1000): allow for that.
    int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
    return sorted[Math.max(rank, 1) - 1];
  }

  /** A sorted copy. */
  public static long[] sorted(long[] values, int count) {
    long[] copy = Arrays.copyOf(values, count);
    Arrays.sort(copy);
    return copy;
  }
}
