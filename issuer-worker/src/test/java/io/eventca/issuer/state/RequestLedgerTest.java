package io.eventca.issuer.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.Event;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.RequestKey;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestLedgerTest {
  private static final CaId CA = new CaId(UUID.randomUUID().toString());

  private static CertificateRejected rejected(String requester, String id, String detail) {
    return new CertificateRejected(CA, new RequestId(id), "policy-violation", detail, "ab".repeat(32), requester, null);
  }

  @Test
  void a_retry_after_the_recent_cache_reads_its_answer_back_from_the_log() {
    Map<Long, Event> log = new HashMap<>();
    int[] reads = {0};
    FactFetcher fetcher = location -> {
      reads[0]++;
      return Optional.ofNullable(log.get(location));
    };
    CaState state = new CaState(fetcher);
    CertificateRejected first = rejected("svc-1", "r-0", "first");
    long firstAt = RequestLedger.location(3, 0);
    log.put(firstAt, first);
    state.apply(first, firstAt);
    // Fill the recent cache past its size, so the first answer is only in the log.
    for (int i = 1; i <= RequestLedger.RECENT + 10; i++) {
      CertificateRejected other = rejected("svc-1", "r-" + i, "n" + i);
      long at = RequestLedger.location(3, i);
      log.put(at, other);
      state.apply(other);
      state.apply(other, at);
    }
    assertThat(state.answeredRequests()).isEqualTo(RequestLedger.RECENT + 11);
    assertThat(state.requestAnswered(first.requestKey())).isTrue();
    assertThat(reads[0]).isZero();

    RequestOutcome outcome = state.outcome(first.requestKey()).orElseThrow();
    assertThat(((RequestOutcome.Rejected) outcome).detail()).isEqualTo("first");
    assertThat(reads[0]).isEqualTo(1);
    // Another requester's same id was never answered.
    assertThat(state.requestAnswered(new RequestKey("svc-2", new RequestId("r-0")))).isFalse();
    assertThat(state.outcome(new RequestKey("svc-2", new RequestId("r-0")))).isEmpty();
  }

  @Test
  void the_first_answer_stands_and_an_unreadable_one_fails_the_batch_instead_of_answering_anew() {
    CaState state = new CaState(location -> Optional.empty());
    CertificateRejected first = rejected("svc-1", "r-1", "first");
    state.apply(first, RequestLedger.location(0, 7));
    state.apply(rejected("svc-1", "r-1", "second"), RequestLedger.location(0, 8));
    assertThat(state.requestAnswered(first.requestKey())).isTrue();
    assertThatThrownBy(() -> state.outcome(first.requestKey())).isInstanceOf(StaleStateException.class);
  }

  @Test
  void an_answer_the_processor_committed_is_held_until_the_reader_locates_it() {
    CaState state = new CaState(location -> {
      throw new AssertionError("no read expected");
    });
    CertificateRejected mine = rejected("svc-1", "r-9", "mine");
    state.apply(mine);
    assertThat(((RequestOutcome.Rejected) state.outcome(mine.requestKey()).orElseThrow()).detail()).isEqualTo("mine");
    state.apply(mine, RequestLedger.location(1, 1));
    assertThat(((RequestOutcome.Rejected) state.outcome(mine.requestKey()).orElseThrow()).detail()).isEqualTo("mine");
  }

  @Test
  void serials_are_remembered_per_ca() {
    HashTable128 table = new HashTable128();
    for (int i = 0; i < 5000; i++) {
      assertThat(table.putIfAbsent(HashTable128.name("ca/" + i), i)).isEqualTo(HashTable128.NO_VALUE);
    }
    assertThat(table.size()).isEqualTo(5000);
    assertThat(table.get(HashTable128.name("ca/4321"))).isEqualTo(4321);
    assertThat(table.contains(HashTable128.name("ca/5000"))).isFalse();
    assertThat(table.putIfAbsent(HashTable128.name("ca/1"), 99)).isEqualTo(1);
    assertThat(new CaState().serialUsed(CA, BigInteger.TEN)).isFalse();
  }

  /** A clock the test moves. */
  private static final class TestClock extends java.time.Clock {
    private java.time.Instant now = java.time.Instant.parse("2026-12-01T00:00:00Z");

    void advance(java.time.Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  @Test
  void an_answer_is_remembered_for_the_retry_horizon_and_forgotten_after_it_with_its_serial() {
    TestClock clock = new TestClock();
    java.time.Duration horizon = java.time.Duration.ofDays(30);
    CaState state = new CaState(location -> Optional.empty(), horizon, clock);
    CertificateRejected old = rejected("svc-1", "r-old", "old");
    CertificateRejected recent = rejected("svc-1", "r-recent", "recent");
    state.apply(old, RequestLedger.location(0, 1), clock.instant().minus(java.time.Duration.ofDays(31)));
    state.apply(recent, RequestLedger.location(0, 2), clock.instant().minus(java.time.Duration.ofDays(29)));
    io.eventca.events.cert.CertificateIssued issued = new io.eventca.events.cert.CertificateIssued(CA, new RequestId("r-issued"),
        io.eventca.events.ids.SerialNumber.of(BigInteger.valueOf(0x1234567890L)), "CN=x", "server", clock.instant(),
        clock.instant().plusSeconds(86_400), "pem", null, null, null, "ab".repeat(32), "svc-1", null);
    state.apply(issued, RequestLedger.location(0, 3), clock.instant());

    // Read from the log more than the horizon after it was answered: not kept at all.
    assertThat(state.requestAnswered(old.requestKey())).isFalse();
    assertThat(state.requestAnswered(recent.requestKey())).isTrue();
    assertThat(state.serialUsed(CA, BigInteger.valueOf(0x1234567890L))).isTrue();

    clock.advance(java.time.Duration.ofDays(5)); // recent is now 34 days old: past the horizon and its eighth
    assertThat(state.requestAnswered(recent.requestKey())).isFalse();
    assertThat(state.requestAnswered(issued.requestKey())).isTrue();

    clock.advance(java.time.Duration.ofDays(34));
    assertThat(state.requestAnswered(issued.requestKey())).isFalse();
    assertThat(state.serialUsed(CA, BigInteger.valueOf(0x1234567890L))).isFalse();
    assertThat(state.answeredRequests()).isZero();
  }

  @Test
  void without_a_horizon_nothing_is_forgotten() {
    TestClock clock = new TestClock();
    CaState state = new CaState(location -> Optional.empty(), java.time.Duration.ZERO, clock);
    CertificateRejected old = rejected("svc-1", "r-ancient", "ancient");
    state.apply(old, RequestLedger.location(0, 1), clock.instant().minus(java.time.Duration.ofDays(3650)));
    clock.advance(java.time.Duration.ofDays(3650));
    assertThat(state.requestAnswered(old.requestKey())).isTrue();
  }

  @Test
  void a_snapshot_keeps_each_span_so_the_horizon_still_counts_from_the_answer() throws Exception {
    TestClock clock = new TestClock();
    java.time.Duration horizon = java.time.Duration.ofDays(30);
    CaState state = new CaState(location -> Optional.empty(), horizon, clock);
    CertificateRejected older = rejected("svc-1", "r-20", "20 days");
    CertificateRejected newer = rejected("svc-1", "r-1", "1 day");
    state.apply(older, RequestLedger.location(0, 1), clock.instant().minus(java.time.Duration.ofDays(20)));
    state.apply(newer, RequestLedger.location(0, 2), clock.instant().minus(java.time.Duration.ofDays(1)));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    state.writeSnapshot(new java.io.DataOutputStream(bytes));

    clock.advance(java.time.Duration.ofDays(15));
    CaState loaded = new CaState(location -> Optional.empty(), horizon, clock);
    loaded.readSnapshot(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
    assertThat(loaded.requestAnswered(older.requestKey())).isFalse();
    assertThat(loaded.requestAnswered(newer.requestKey())).isTrue();
  }

  @Test
  void a_negative_or_tiny_retry_horizon_is_refused_at_start() {
    assertThatThrownBy(() -> new CaState(null, java.time.Duration.ofDays(-1), java.time.Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry horizon");
    assertThatThrownBy(() -> new CaState(null, java.time.Duration.ofMillis(1), java.time.Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
