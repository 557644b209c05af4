package io.eventca.issuer.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per requester ({@code requestedBy}), held by one worker: {@code perSecond} requests a second
 * on average, bursts up to {@code perSecond} (at least one). With N workers a requester whose requests spread
 * over all partitions may get up to N times the rate; requests of one CA stay on one partition.
 */
final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

  /** @param perSecond 0 turns limiting off */
  RateLimiter(double perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, perSecond);
    this.nanoTime = nanoTime;
  }

  boolean enabled() {
    return perSecond > 0;
  }

  /** Takes a token for {@code requester}; false when its bucket is empty. */
  boolean tryAcquire(String requester) {
    if (!enabled()) {
      return true;
    }
    long now = nanoTime.getAsLong();
    double[] bucket = buckets.computeIfAbsent(requester == null ? "" : requester, r -> new double[] {burst, now});
    synchronized (bucket) {
      double tokens = Math.min(burst, bucket[0] + (now - (long) bucket[1]) / 1e9 * perSecond);
      bucket[1] = now;
      if (tokens < 1) {
        bucket[0] = tokens;
        return false;
      }
      bucket[0] = tokens - 1;
      return true;
    }
  }
}
