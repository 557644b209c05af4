package io.eventca.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The client reads which request an answer is for from its key, in every form a worker writes. */
class ReplyKeysTest {
  @Test
  void theRequestIdIsTheLastPartOfTheKey_beforeAnyReusedSuffix() {
    assertThat(EventcaClient.requestIdOf("svc-1/req-7")).isEqualTo("req-7");
    assertThat(EventcaClient.requestIdOf("svc-1/req-7/reused/0123456789abcdef")).isEqualTo("req-7");
    assertThat(EventcaClient.requestIdOf("req-7")).as("a worker before issue 11").isEqualTo("req-7");
    assertThat(EventcaClient.requestIdOf("batch@jobs/a:b.c")).isEqualTo("a:b.c");
  }
}
