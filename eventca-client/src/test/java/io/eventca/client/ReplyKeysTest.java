package io.eventca.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The client reads which request an answer is for from its key, in every form a worker writes. */
class ReplyKeysTest {
  @Test
  void theRequestIdIsTheLastPartOfTheKey_beforeAnyReusedSuffix() {
    assertThat(ReplyKeys.requestIdOf("svc-1/req-7")).isEqualTo("req-7");
    assertThat(ReplyKeys.requestIdOf("svc-1/req-7/reused/0123456789abcdef")).isEqualTo("req-7");
    assertThat(ReplyKeys.requestIdOf("req-7")).as("a worker before issue 11").isEqualTo("req-7");
    assertThat(ReplyKeys.requestIdOf("batch@jobs/a:b.c")).isEqualTo("a:b.c");
  }

  @Test
  void theRequesterIsWhatComesBeforeTheId_orTheWaitingOneForAKeyOfTheIdAlone() {
    assertThat(ReplyKeys.requesterOf("svc-1/req-7", "req-7", "svc-9")).isEqualTo("svc-1");
    assertThat(ReplyKeys.requesterOf("svc-1/req-7/reused/0123456789abcdef", "req-7", "svc-9")).isEqualTo("svc-1");
    assertThat(ReplyKeys.requesterOf("req-7", "req-7", "svc-9")).isEqualTo("svc-9");
    assertThat(ReplyKeys.requesterOf("batch@jobs/a:b.c", "a:b.c", "x")).isEqualTo("batch@jobs");
  }
}
