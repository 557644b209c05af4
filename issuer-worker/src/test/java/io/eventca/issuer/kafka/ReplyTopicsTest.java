package io.eventca.issuer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplyTopicsTest {
  private final AtomicLong millis = new AtomicLong(1_000_000);
  private final AtomicInteger listings = new AtomicInteger();
  private final Set<String> existing = new HashSet<>(Set.of("eventca.replies", "eventca.replies.svc-1", "eventca.issuance"));
  private final ReplyTopics topics = new ReplyTopics(() -> {
    listings.incrementAndGet();
    return existing;
  }, millis::get);

  @Test
  void givenNoTopicOrTheDefault_thenTheDefault_withoutListingTopics() {
    assertThat(topics.resolve(null)).contains("eventca.replies");
    assertThat(topics.resolve("eventca.replies")).contains("eventca.replies");
    assertThat(listings).hasValue(0);
  }

  @Test
  void givenANameThatIsNoEventcaTopicName_thenNoAnswerAtAll() {
    assertThat(topics.resolve("payments")).isEmpty();
    assertThat(topics.resolve("eventca.")).isEmpty();
    assertThat(topics.resolve("eventca.a b")).isEmpty();
    assertThat(topics.resolve("eventca." + "x".repeat(201))).isEmpty();
  }

  @Test
  void givenOneOfEventcasOwnTopics_thenTheDefault() {
    assertThat(topics.resolve("eventca.issuance")).contains("eventca.replies");
    assertThat(topics.resolve("eventca.ca-keys")).contains("eventca.replies");
    assertThat(topics.resolve("eventca.requests")).contains("eventca.replies");
    assertThat(topics.resolve("eventca.dead-letters")).contains("eventca.replies");
  }

  @Test
  void givenATopicCreatedAfterTheLastListing_thenItIsUsedFromTheNextRefresh_andTopicsAreListedAtMostEvery30Seconds() {
    assertThat(topics.resolve("eventca.replies.svc-1")).contains("eventca.replies.svc-1");
    assertThat(topics.resolve("eventca.replies.svc-2")).contains("eventca.replies");
    existing.add("eventca.replies.svc-2");

    millis.addAndGet(29_999);
    assertThat(topics.resolve("eventca.replies.svc-2")).contains("eventca.replies");
    assertThat(listings).hasValue(1);

    millis.addAndGet(1);
    assertThat(topics.resolve("eventca.replies.svc-2")).contains("eventca.replies.svc-2");
    assertThat(listings).hasValue(2);
  }

  @Test
  void givenTopicsCannotBeListed_thenTheLastListIsKept_andNotAskedForAgainBeforeTheNextRefresh() {
    assertThat(topics.resolve("eventca.replies.svc-1")).contains("eventca.replies.svc-1");
    millis.addAndGet(30_000);
    ReplyTopics failing = new ReplyTopics(() -> {
      listings.incrementAndGet();
      throw new IllegalStateException("broker away");
    }, millis::get);

    assertThat(failing.resolve("eventca.replies.svc-1")).contains("eventca.replies");
    assertThat(failing.resolve("eventca.replies.svc-1")).contains("eventca.replies");
    assertThat(listings).hasValue(2);
  }

  @Test
  void givenAWriteToATopicFailed_thenTheDefaultForTenMinutes_thenTheTopicAgain() {
    assertThat(topics.resolve("eventca.replies.svc-1")).contains("eventca.replies.svc-1");

    topics.failed("eventca.replies.svc-1");
    Optional<String> during = topics.resolve("eventca.replies.svc-1");
    millis.addAndGet(600_000);
    Optional<String> after = topics.resolve("eventca.replies.svc-1");

    assertThat(during).contains("eventca.replies");
    assertThat(after).contains("eventca.replies.svc-1");
  }

  @Test
  void givenAWriteToTheDefaultTopicFailed_thenItStaysTheDefault() {
    topics.failed("eventca.replies");

    assertThat(topics.resolve(null)).contains("eventca.replies");
  }
}
