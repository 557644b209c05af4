package io.eventca.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, appended from any thread; snapshots are sorted copies. */
final class LatencyRecorder {
  private long[] values;
  private int count;

  LatencyRecorder(int expected) {
    values = new long[Math.max(expected, 16)];
  }

  synchronized void record(long nanos) {
    if (count == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[count++] = nanos;
  }

  synchronized int count() {
    return count;
  }

  /** The latencies so far, ascending. */
  long[] sortedSnapshot() {
    long[] copy;
    int n;
    synchronized (this) {
      copy = values;
      n = count;
      copy = Arrays.copyOf(copy, n);
    }
    Arrays.sort(copy);
    return copy;
  }
}
