package io.eventca.client;

import io.eventca.events.Topic;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.fleet.RequestSignature;
import io.eventca.service.KafkaClients;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Asks an eventca CA for certificates over Kafka, as a fleet service does: publishes a {@code CertificateRequested}
 * on {@code eventca.fleet-requests}, signed ({@code eventca.requests} without a signer), keyed
 * {@code requester/<requester>} (idempotent producer, acks=all) and naming this client's reply topic, and completes
 * the request's future when its answer, keyed {@code <requestedBy>/<requestId>}, arrives there.
 *
 * <p>One background consumer per client reads the reply topic: it takes every partition itself (no consumer group,
 * nothing committed) from the end as it was when the client was built, so create one client per process and share
 * it between threads. Answers for request ids this client is not waiting for are skipped without being decoded.
 *
 * <p>When no answer comes within {@link ClientConfig#timeout()}, the client waits {@link ClientConfig#retryBackoff()} and sends
 * the same request again with the same request id; the CA answers a repeat of an issued request with the same
 * certificate instead of a new one. After {@link ClientConfig#attempts()} sends the future fails with
 * {@link EventcaTimeoutException}.
 *
 * <p>Futures complete on the client's reply thread: chain heavy work with the {@code ...Async} methods.
 *
 * <p>This class is the front: what a request becomes on the wire (signed once, so every retry sends the same record).
 * {@link Attempts} holds the waiting requests and their retries, {@link ReplyReader} the reply consumer.
 */
public final class EventcaClient implements AutoCloseable {
  private final ClientConfig config;
  private final EventCodec codec = new EventCodec("eventca-client");
  private final Attempts attempts;
  private final ReplyReader replies;
  private volatile boolean closed;

  /**
   * Connects and starts reading the reply topic from its end; returns once it is positioned, so no answer to a
   * request sent afterwards can be missed.
   *
   * @throws EventcaException when the reply topic does not exist or Kafka cannot be reached in time
   */
  public EventcaClient(ClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    String clientId = "eventca-client-" + config.requester() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Properties producerProps = KafkaClients.producer(config.bootstrapServers(), clientId);
    // request() must not block the caller for long when Kafka is unreachable: give up within one attempt's time.
    producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Math.min(config.timeout().toMillis(), 60_000)));
    producerProps.putAll(config.kafkaProperties());
    this.attempts = new Attempts(config, new KafkaProducer<>(producerProps));
    try {
      this.replies = ReplyReader.start(config, clientId, attempts::waitingFor, new ReplyReader.Listener() {
        @Override
        public void answered(String replyKey, CertificateAnswer answer) {
          attempts.answered(replyKey, answer);
        }

        @Override
        public void stopped(Throwable error) {
          attempts.failAll(new EventcaException("the client stopped reading answers from " + config.replyTopic(), error));
        }
      });
    } catch (RuntimeException e) {
      attempts.close();
      throw e;
    }
  }

  public ClientConfig config() {
    return config;
  }

  /** Requests sent and not answered yet. */
  public int inFlight() {
    return attempts.inFlight();
  }

  /**
   * Sends {@code request} and returns its answer's future. It completes with the answer (issued or refused), or
   * fails with {@link EventcaTimeoutException} after every attempt went unanswered, or with
   * {@link EventcaException} when the request could not be published or the client was closed.
   */
  public CompletableFuture<CertificateAnswer> request(CertificateRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      return CompletableFuture.failedFuture(new EventcaException("the client is closed"));
    }
    if (replies.failure() != null) {
      return CompletableFuture.failedFuture(new EventcaException("the client stopped reading answers", replies.failure()));
    }
    CertificateRequested event;
    try {
      event = signed(toEvent(request));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    Topic topic = config.signer() == null ? Topic.REQUESTS : Topic.FLEET_REQUESTS;
    ProducerRecord<String, byte[]> record = codec.toRecord(topic.topicName(), event);
    return attempts.start(request.requestId(), event.requestedBy(), record);
  }

  /**
   * Sends {@code request} and waits for its answer (at most about attempts x (timeout + retryBackoff)).
   *
   * @throws EventcaTimeoutException when no answer came after every attempt
   * @throws EventcaException when the request could not be sent or the wait was interrupted
   */
  public CertificateAnswer requestAndWait(CertificateRequest request) {
    try {
      return request(request).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventcaException("interrupted while waiting for the answer to " + request.requestId(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EventcaException known) {
        throw known;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new EventcaException("request " + request.requestId() + " failed: " + cause, cause);
    }
  }

  /** Signed once: every retry sends this very record, signature included. */
  private CertificateRequested signed(CertificateRequested event) {
    if (config.signer() == null) {
      return event;
    }
    try {
      byte[] signature = config.signer().sign(RequestSignature.message(event));
      return event.signed(Base64.getEncoder().encodeToString(signature));
    } catch (Exception e) {
      throw new EventcaException("cannot sign request " + event.requestId() + " with the requester key", e);
    }
  }

  private CertificateRequested toEvent(CertificateRequest r) {
    List<String> sans = r.subjectAltNames().isEmpty() ? null : r.subjectAltNames();
    return new CertificateRequested(r.caId(), r.requestId(), r.csrPem(), r.profile(), r.validityDays(),
        config.requester(), Instant.now(), config.replyTopic(), r.host(), null, sans, null, null);
  }

  /** Stops reading answers; requests still waiting fail with {@link EventcaException}. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    replies.close();
    attempts.close();
  }
}
