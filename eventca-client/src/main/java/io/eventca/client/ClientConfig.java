package io.eventca.client;

import io.eventca.events.Topic;
import java.time.Duration;
import java.util.Map;

/**
 * How an {@link EventcaClient} reaches the CA, validated when built.
 *
 * @param bootstrapServers Kafka bootstrap servers, e.g. {@code kafka:9092}
 * @param requester who asks (becomes {@code requestedBy} of every request), e.g. the service's name
 * @param replyTopic where the CA answers; default {@value Topic#DEFAULT_REPLY_TOPIC}
 * @param timeout how long one send waits for its answer; default 30 s
 * @param attempts how many times a request is sent before giving up; default 3
 * @param retryBackoff pause between a timed-out send and the next one; default 1 s
 * @param kafkaProperties extra settings for the producer and the consumer (TLS, SASL, ...); may be empty
 * @param signer signs with the requester's registered key; with one, requests go signed to
 *     {@code eventca.fleet-requests} (what fleet services do); without, unsigned to {@code eventca.requests}, which
 *     only trusted writers may use (ca-service; ACLs keep others out)
 */
public record ClientConfig(
    String bootstrapServers,
    String requester,
    String replyTopic,
    Duration timeout,
    int attempts,
    Duration retryBackoff,
    Map<String, String> kafkaProperties,
    RequestSigner signer) {

  public ClientConfig(String bootstrapServers, String requester, String replyTopic, Duration timeout, int attempts,
      Duration retryBackoff, Map<String, String> kafkaProperties) {
    this(bootstrapServers, requester, replyTopic, timeout, attempts, retryBackoff, kafkaProperties, null);
  }

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_ATTEMPTS = 3;
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);

  public ClientConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers is required");
    }
    if (requester == null || requester.isBlank()) {
      throw new IllegalArgumentException("requester (who asks, e.g. the service name) is required");
    }
    replyTopic = replyTopic == null || replyTopic.isBlank() ? Topic.DEFAULT_REPLY_TOPIC : replyTopic;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    attempts = attempts == 0 ? DEFAULT_ATTEMPTS : attempts;
    retryBackoff = retryBackoff == null ? DEFAULT_RETRY_BACKOFF : retryBackoff;
    kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    if (retryBackoff.isNegative()) {
      throw new IllegalArgumentException("retryBackoff must not be negative, was " + retryBackoff);
    }
  }

  /** The defaults: reply topic eventca.replies, 30 s per attempt, 3 attempts, 1 s between them. */
  public static ClientConfig of(String bootstrapServers, String requester) {
    return new ClientConfig(bootstrapServers, requester, null, null, 0, null, null);
  }

  public ClientConfig withReplyTopic(String topic) {
    return new ClientConfig(bootstrapServers, requester, topic, timeout, attempts, retryBackoff, kafkaProperties, signer);
  }

  public ClientConfig withTimeout(Duration perAttempt) {
    return new ClientConfig(bootstrapServers, requester, replyTopic, perAttempt, attempts, retryBackoff, kafkaProperties, signer);
  }

  public ClientConfig withAttempts(int count) {
    return new ClientConfig(bootstrapServers, requester, replyTopic, timeout, count, retryBackoff, kafkaProperties, signer);
  }

  public ClientConfig withRetryBackoff(Duration backoff) {
    return new ClientConfig(bootstrapServers, requester, replyTopic, timeout, attempts, backoff, kafkaProperties, signer);
  }

  public ClientConfig withKafkaProperties(Map<String, String> properties) {
    return new ClientConfig(bootstrapServers, requester, replyTopic, timeout, attempts, retryBackoff, properties, signer);
  }

  /** Signs every request with the requester key and sends it to eventca.fleet-requests. */
  public ClientConfig withSigner(RequestSigner requestSigner) {
    return new ClientConfig(bootstrapServers, requester, replyTopic, timeout, attempts, retryBackoff, kafkaProperties, requestSigner);
  }
}
