package io.eventca.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.Test;

/** Which failures end a producer (a new one is opened) and which only a transaction (aborted and retried). */
class TransactionalProducersTest {
  @Test
  void fencedMeansAnotherProducerHasTheId() {
    assertThat(TransactionalProducers.fenced(new ProducerFencedException("x"))).isTrue();
    assertThat(TransactionalProducers.fenced(new InvalidProducerEpochException("x"))).isTrue();
    assertThat(TransactionalProducers.fenced(new TimeoutException("x"))).isFalse();
  }

  @Test
  void aFencedOrRefusedProducerIsReplacedAndABrokerAwayIsRetried() {
    assertThat(TransactionalProducers.unusable(new ProducerFencedException("x"))).isTrue();
    assertThat(TransactionalProducers.unusable(new OutOfOrderSequenceException("x"))).isTrue();
    assertThat(TransactionalProducers.unusable(new InvalidProducerEpochException("x"))).as("aborted, then retried").isFalse();
    assertThat(TransactionalProducers.unusable(new TransactionalIdAuthorizationException("x"))).isTrue();
    assertThat(TransactionalProducers.unusable(new TopicAuthorizationException("x"))).isTrue();
    assertThat(TransactionalProducers.unusable(new TimeoutException("x"))).isFalse();
    assertThat(TransactionalProducers.unusable(new KafkaException("x"))).isFalse();
  }
}
