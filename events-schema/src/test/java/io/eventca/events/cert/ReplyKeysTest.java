package io.eventca.events.cert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A reply key names its request and requester, in every form a worker writes (eventca-client reads answers by it). */
class ReplyKeysTest {
  @Test
  void theRequestIdIsTheLastPartOfTheKey_beforeAnyReusedSuffix() {
    assertThat(RequestKey.requestIdOf("svc-1/req-7")).isEqualTo("req-7");
    assertThat(RequestKey.requestIdOf("svc-1/req-7/reused/0123456789abcdef")).isEqualTo("req-7");
    assertThat(RequestKey.requestIdOf("req-7")).as("a worker before issue 11").isEqualTo("req-7");
    assertThat(RequestKey.requestIdOf("batch@jobs/a:b.c")).isEqualTo("a:b.c");
  }

  @Test
  void theRequesterIsWhatComesBeforeTheId_orTheWaitingOneForAKeyOfTheIdAlone() {
    assertThat(RequestKey.requesterOf("svc-1/req-7", "req-7", "svc-9")).isEqualTo("svc-1");
    assertThat(RequestKey.requesterOf("svc-1/req-7/reused/0123456789abcdef", "req-7", "svc-9")).isEqualTo("svc-1");
    assertThat(RequestKey.requesterOf("req-7", "req-7", "svc-9")).isEqualTo("svc-9");
    assertThat(RequestKey.requesterOf("batch@jobs/a:b.c", "a:b.c", "x")).isEqualTo("batch@jobs");
  }
}
