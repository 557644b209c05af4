package io.eventca.issuer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void aRequesterGetsItsBurstThenOneRequestPerInterval_andOthersAreNotAffected() {
    RateLimiter limiter = new RateLimiter(2, now::get);

    assertThat(limiter.tryAcquire("svc-a")).isTrue();
    assertThat(limiter.tryAcquire("svc-a")).isTrue();
    assertThat(limiter.tryAcquire("svc-a")).as("burst of 2 used").isFalse();
    assertThat(limiter.tryAcquire("svc-b")).as("another requester has its own bucket").isTrue();

    now.addAndGet(500_000_000L); // half a second: one token at 2/s
    assertThat(limiter.tryAcquire("svc-a")).isTrue();
    assertThat(limiter.tryAcquire("svc-a")).isFalse();

    now.addAndGet(10_000_000_000L); // a long pause refills only up to the burst
    assertThat(limiter.tryAcquire("svc-a")).isTrue();
    assertThat(limiter.tryAcquire("svc-a")).isTrue();
    assertThat(limiter.tryAcquire("svc-a")).isFalse();
  }

  @Test
  void zeroMeansNoLimit() {
    RateLimiter limiter = new RateLimiter(0, now::get);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.tryAcquire("svc-a")).isTrue();
    }
  }

  @Test
  void belowOnePerSecondStillAllowsOneRequestAtATime() {
    RateLimiter limiter = new RateLimiter(0.5, now::get);
    assertThat(limiter.tryAcquire("svc-a")).isTrue();
    assertThat(limiter.tryAcquire("svc-a")).isFalse();
    now.addAndGet(2_000_000_000L);
    assertThat(limiter.tryAcquire("svc-a")).isTrue();
  }

  @Test
  void givenTheMostRequestersItKeeps_thenIdleOnesAreForgotten_andABusyOneKeepsItsBucket() {
    RateLimiter limiter = new RateLimiter(1, now::get);
    for (int i = 0; i < RateLimiter.MAX_REQUESTERS - 1; i++) {
      limiter.tryAcquire("svc-" + i);
    }
    now.addAndGet(1_000_000_000L); // every bucket so far has refilled
    assertThat(limiter.tryAcquire("busy")).isTrue();
    assertThat(limiter.trackedRequesters()).isEqualTo(RateLimiter.MAX_REQUESTERS);

    assertThat(limiter.tryAcquire("busy")).as("the sweep keeps the bucket of a requester still over its rate").isFalse();
    assertThat(limiter.trackedRequesters()).isEqualTo(1);
  }
}
