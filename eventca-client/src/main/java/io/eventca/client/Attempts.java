package io.eventca.client;

import io.eventca.events.cert.RequestKey;
import io.eventca.events.ids.RequestId;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The requests waiting for their answers, and the retry state machine of each: send, wait {@link ClientConfig#timeout()},
 * then (after {@link ClientConfig#retryBackoff()}) send the very same record again, until an answer comes or
 * {@link ClientConfig#attempts()} sends went unanswered. A send the producer cannot deliver counts as an attempt too.
 */
final class Attempts implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Attempts.class.getName());

  private final ClientConfig config;
  private final KafkaProducer<String, byte[]> producer;
  private final ScheduledExecutorService timer;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;

  Attempts(ClientConfig config, KafkaProducer<String, byte[]> producer) {
    this.config = config;
    this.producer = producer;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "eventca-client-timer-" + config.requester());
      t.setDaemon(true);
      return t;
    });
  }

  /** Sends {@code record} (the request {@code requestId} of {@code requestedBy}) and returns its answer's future. */
  CompletableFuture<CertificateAnswer> start(RequestId requestId, String requestedBy, ProducerRecord<String, byte[]> record) {
    Pending p = new Pending(requestId, requestedBy, record);
    if (pending.putIfAbsent(p.key, p) != null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("request " + requestId + " is already waiting for its answer"));
    }
    // The caller gets the future that completes after the bookkeeping, so inFlight() has already dropped the
    // request when the caller sees its answer; cancelling it gives the request up.
    CompletableFuture<CertificateAnswer> answered = p.future.whenComplete((answer, error) -> {
      pending.remove(p.key, p);
      p.cancelTimeout();
    });
    answered.whenComplete((answer, error) -> {
      if (answered.isCancelled()) {
        p.future.cancel(false);
      }
    });
    send(p);
    return answered;
  }

  boolean waitingFor(String requestId) {
    return pending.containsKey(requestId);
  }

  int inFlight() {
    return pending.size();
  }

  /** An answer read under {@code replyKey}: it completes the waiting request only when it is this requester's. */
  void answered(String replyKey, CertificateAnswer answer) {
    Pending p = pending.get(answer.requestId().value());
    // Request ids are each requester's own: another requester's answer under the same id is not ours.
    if (p != null && p.requestedBy.equals(RequestKey.requesterOf(replyKey, p.key, p.requestedBy))) {
      p.future.complete(answer);
    }
  }

  /** Every waiting request fails with {@code error}. */
  void failAll(EventcaException error) {
    for (Pending p : pending.values()) {
      p.future.completeExceptionally(error);
    }
  }

  /** One send of p; every send carries the very same record, so the same request id and the same request. */
  private void send(Pending p) {
    int attempt;
    synchronized (p) {
      if (p.future.isDone() || closed) {
        return;
      }
      attempt = ++p.attempts;
      try {
        p.timeout = timer.schedule(() -> onTimeout(p, attempt), config.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        p.future.completeExceptionally(new EventcaException("the client is closed"));
        return;
      }
    }
    ProducerRecord<String, byte[]> copy = new ProducerRecord<>(
        p.record.topic(), null, p.record.key(), p.record.value(), p.record.headers());
    try {
      producer.send(copy, (metadata, error) -> {
        if (error != null) {
          onSendFailure(p, attempt, error);
        }
      });
    } catch (RuntimeException e) {
      onSendFailure(p, attempt, e);
    }
  }

  private void onTimeout(Pending p, int attempt) {
    synchronized (p) {
      if (p.future.isDone() || p.attempts != attempt) {
        return;
      }
    }
    if (attempt < config.attempts() && !closed) {
      LOG.log(Level.DEBUG, "no answer to {0} within {1} ms (attempt {2} of {3}); sending it again",
          p.requestId, config.timeout().toMillis(), attempt, config.attempts());
      scheduleResend(p);
    } else {
      p.future.completeExceptionally(
          new EventcaTimeoutException(p.requestId, attempt, config.timeout(), config.replyTopic()));
    }
  }

  private void onSendFailure(Pending p, int attempt, Throwable error) {
    synchronized (p) {
      if (p.future.isDone() || p.attempts != attempt) {
        return;
      }
      p.cancelTimeout();
    }
    if (attempt < config.attempts() && !closed) {
      LOG.log(Level.WARNING, "cannot publish request {0} (attempt {1} of {2}): {3}; trying again",
          p.requestId, attempt, config.attempts(), error.toString());
      scheduleResend(p);
    } else {
      p.future.completeExceptionally(new EventcaException(
          "cannot publish certificate request " + p.requestId + " to " + p.record.topic() + " after "
              + attempt + (attempt == 1 ? " attempt" : " attempts") + ": " + error.getMessage(), error));
    }
  }

  private void scheduleResend(Pending p) {
    try {
      timer.schedule(() -> send(p), config.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      p.future.completeExceptionally(new EventcaException("the client is closed"));
    }
  }

  /** Stops sending; requests still waiting fail with {@link EventcaException}. */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    producer.close(Duration.ofSeconds(5));
    for (Pending p : pending.values()) {
      p.future.completeExceptionally(new EventcaException("the client was closed before request " + p.requestId
          + " was answered"));
    }
  }

  private static final class Pending {
    final RequestId requestId;
    final String requestedBy;
    final String key;
    final ProducerRecord<String, byte[]> record;
    final CompletableFuture<CertificateAnswer> future = new CompletableFuture<>();
    int attempts; // guarded by this
    ScheduledFuture<?> timeout; // guarded by this

    Pending(RequestId requestId, String requestedBy, ProducerRecord<String, byte[]> record) {
      this.requestId = requestId;
      this.requestedBy = requestedBy;
      this.key = requestId.value();
      this.record = record;
    }

    synchronized void cancelTimeout() {
      if (timeout != null) {
        timeout.cancel(false);
      }
    }
  }
}
