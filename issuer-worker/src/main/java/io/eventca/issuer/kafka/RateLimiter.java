package io.eventca.issuer.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * A token bucket per requester ({@code requestedBy}), held in memory by one worker instance: {@code perSecond}
 * requests a second on average, bursts up to {@code perSecond} (at least one).
 *
 * <p>Per instance: with N workers a requester whose requests spread over the partitions of several workers gets
 * up to N times the rate. Requests are keyed by CA id, so the requests of one requester to one CA land on one
 * partition and so on one worker. {@code requestedBy} is what the request says; the limit protects the workers
 * from a runaway client, it is no access control.
 *
 * <p>At most {@value #MAX_REQUESTERS} buckets are kept: beyond that, buckets that have refilled (idle requesters)
 * are dropped, since a new bucket starts full anyway; if that is not enough, all are dropped.
 */
final class RateLimiter {
  private static final Logger LOG = Logger.getLogger(RateLimiter.class);
  static final int MAX_REQUESTERS = 100_000;

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  /**
   * @param perSecond 0 turns limiting off
   * @param nanoTime the clock (System::nanoTime; tests inject their own)
   */
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
    if (buckets.size() >= MAX_REQUESTERS) {
      forgetIdle(now);
    }
    Bucket bucket = buckets.computeIfAbsent(requester == null ? "" : requester, r -> new Bucket(burst, now));
    synchronized (bucket) {
      double tokens = refilled(bucket, now);
      bucket.at = now;
      if (tokens < 1) {
        bucket.tokens = tokens;
        return false;
      }
      bucket.tokens = tokens - 1;
      return true;
    }
  }

  int trackedRequesters() {
    return buckets.size();
  }

  private double refilled(Bucket bucket, long now) {
    return Math.min(burst, bucket.tokens + (now - bucket.at) / 1e9 * perSecond);
  }

  private void forgetIdle(long now) {
    buckets.values().removeIf(bucket -> {
      synchronized (bucket) {
        return refilled(bucket, now) >= burst;
      }
    });
    if (buckets.size() >= MAX_REQUESTERS) {
      LOG.warnf("more than %d requesters are over their rate at once; forgetting all their buckets", MAX_REQUESTERS);
      buckets.clear();
    }
  }
}
