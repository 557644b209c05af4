package io.eventca.client;

import io.eventca.events.Event;
import io.eventca.events.Topic;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.ids.RequestId;
import io.eventca.service.KafkaClients;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

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
 * <p>When no answer comes within {@link Config#timeout()}, the client waits {@link Config#retryBackoff()} and sends
 * the same request again with the same request id; the CA answers a repeat of an issued request with the same
 * certificate instead of a new one. After {@link Config#attempts()} sends the future fails with
 * {@link EventcaTimeoutException}.
 *
 * <p>Futures complete on the client's reply thread: chain heavy work with the {@code ...Async} methods.
 */
public final class EventcaClient implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventcaClient.class.getName());

  /**
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
  public record Config(
      String bootstrapServers,
      String requester,
      String replyTopic,
      Duration timeout,
      int attempts,
      Duration retryBackoff,
      Map<String, String> kafkaProperties,
      RequestSigner signer) {

    public Config(String bootstrapServers, String requester, String replyTopic, Duration timeout, int attempts,
        Duration retryBackoff, Map<String, String> kafkaProperties) {
      this(bootstrapServers, requester, replyTopic, timeout, attempts, retryBackoff, kafkaProperties, null);
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);

    public Config {
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
    public static Config of(String bootstrapServers, String requester) {
      return new Config(bootstrapServers, requester, null, null, 0, null, null);
    }

    public Config withReplyTopic(String topic) {
      return new Config(bootstrapServers, requester, topic, timeout, attempts, retryBackoff, kafkaProperties, signer);
    }

    public Config withTimeout(Duration perAttempt) {
      return new Config(bootstrapServers, requester, replyTopic, perAttempt, attempts, retryBackoff, kafkaProperties, signer);
    }

    public Config withAttempts(int count) {
      return new Config(bootstrapServers, requester, replyTopic, timeout, count, retryBackoff, kafkaProperties, signer);
    }

    public Config withRetryBackoff(Duration backoff) {
      return new Config(bootstrapServers, requester, replyTopic, timeout, attempts, backoff, kafkaProperties, signer);
    }

    public Config withKafkaProperties(Map<String, String> properties) {
      return new Config(bootstrapServers, requester, replyTopic, timeout, attempts, retryBackoff, properties, signer);
    }

    /** Signs every request with the requester key and sends it to eventca.fleet-requests. */
    public Config withSigner(RequestSigner requestSigner) {
      return new Config(bootstrapServers, requester, replyTopic, timeout, attempts, retryBackoff, kafkaProperties, requestSigner);
    }
  }

  private final Config config;
  private final EventCodec codec = new EventCodec("eventca-client");
  private final KafkaProducer<String, byte[]> producer;
  private final ScheduledExecutorService timer;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Thread replyThread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Throwable failure;
  private volatile boolean closed;

  /**
   * Connects and starts reading the reply topic from its end; returns once it is positioned, so no answer to a
   * request sent afterwards can be missed.
   *
   * @throws EventcaException when the reply topic does not exist or Kafka cannot be reached in time
   */
  public EventcaClient(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    String clientId = "eventca-client-" + config.requester() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Properties producerProps = KafkaClients.producer(config.bootstrapServers(), clientId);
    // request() must not block the caller for long when Kafka is unreachable: give up within one attempt's time.
    producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Math.min(config.timeout().toMillis(), 60_000)));
    producerProps.putAll(config.kafkaProperties());
    this.producer = new KafkaProducer<>(producerProps);
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("eventca-client-timer-" + config.requester()));
    this.replyThread = daemon("eventca-client-replies-" + config.requester()).newThread(() -> readReplies(clientId));
    replyThread.start();
    awaitReady();
  }

  private void awaitReady() {
    boolean started;
    try {
      started = ready.await(config.timeout().toMillis() + 30_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new EventcaException("interrupted while connecting to Kafka", e);
    }
    if (!started || failure != null) {
      Throwable cause = failure;
      close();
      throw new EventcaException(
          started ? "cannot read reply topic " + config.replyTopic() + ": " + cause.getMessage()
              : "reply topic " + config.replyTopic() + " not ready in time (Kafka at " + config.bootstrapServers() + "?)",
          cause);
    }
  }

  public Config config() {
    return config;
  }

  /** Requests sent and not answered yet. */
  public int inFlight() {
    return pending.size();
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
    if (failure != null) {
      return CompletableFuture.failedFuture(new EventcaException("the client stopped reading answers", failure));
    }
    CertificateRequested event;
    try {
      event = signed(toEvent(request));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    Topic topic = config.signer() == null ? Topic.REQUESTS : Topic.FLEET_REQUESTS;
    ProducerRecord<String, byte[]> record = codec.toRecord(topic.topicName(), event);
    Pending p = new Pending(request.requestId(), event.requestedBy(), record);
    if (pending.putIfAbsent(p.key, p) != null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("request " + request.requestId() + " is already waiting for its answer"));
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
      byte[] signature = config.signer().sign(io.eventca.events.fleet.RequestSignature.message(event));
      return event.signed(java.util.Base64.getEncoder().encodeToString(signature));
    } catch (Exception e) {
      throw new EventcaException("cannot sign request " + event.requestId() + " with the requester key", e);
    }
  }

  private CertificateRequested toEvent(CertificateRequest r) {
    List<String> sans = r.subjectAltNames().isEmpty() ? null : r.subjectAltNames();
    return new CertificateRequested(r.caId(), r.requestId(), r.csrPem(), r.profile(), r.validityDays(),
        config.requester(), Instant.now(), config.replyTopic(), r.host(), null, sans, null, null);
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
          "cannot publish certificate request " + p.requestId + " to " + Topic.REQUESTS.topicName() + " after "
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

  // ---- the reply thread ----

  private void readReplies(String clientId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-replies");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.putAll(config.kafkaProperties());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
      consumer = c;
      if (closed) {
        return;
      }
      position(c);
      ready.countDown();
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
          onReply(record);
        }
      }
    } catch (Throwable e) {
      if (ready.getCount() > 0) {
        failure = e; // not started: the constructor reports it
      } else if (!closed) {
        fail(e);
      }
    } finally {
      ready.countDown();
    }
  }

  /** Takes every partition of the reply topic at its current end; returns once the positions are fixed. */
  private void position(KafkaConsumer<String, byte[]> c) {
    List<PartitionInfo> infos = c.partitionsFor(config.replyTopic(), Duration.ofMillis(config.timeout().toMillis() + 10_000));
    if (infos == null || infos.isEmpty()) {
      throw new EventcaException("topic " + config.replyTopic() + " does not exist (create it, or name an existing"
          + " reply topic; issuer-worker creates " + Topic.DEFAULT_REPLY_TOPIC + ")");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : infos) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    c.assign(partitions);
    c.seekToEnd(partitions);
    for (TopicPartition tp : partitions) {
      c.position(tp); // seekToEnd is lazy: resolve it now, before the first request is sent
    }
  }

  /**
   * The request id a reply's key names: {@code <requestedBy>/<requestId>}, with {@code /reused/<fingerprint>} after it
   * for the refusal of a reused id ({@link io.eventca.events.cert.RequestKey}); the id alone from workers before issue 11.
   */
  static String requestIdOf(String key) {
    int reused = key.indexOf("/reused/");
    String main = reused < 0 ? key : key.substring(0, reused);
    return main.substring(main.lastIndexOf('/') + 1);
  }

  private void onReply(ConsumerRecord<String, byte[]> record) {
    String key = record.key() == null ? null : requestIdOf(record.key());
    Pending p = key == null ? null : pending.get(key);
    if (p == null) {
      return; // somebody else's answer, or a late duplicate of one already received
    }
    CertificateAnswer answer;
    try {
      answer = toAnswer(EventCodec.decode(record.headers(), record.value()).payload());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "unreadable answer for {0} at {1}-{2}@{3}: {4}",
          key, record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    if (answer == null) {
      return;
    }
    if (!answer.requestId().value().equals(key) || !p.requestedBy.equals(answeredFor(record.key(), p))) {
      // Request ids are each requester's own: another requester's answer under the same id is not ours.
      return;
    }
    p.future.complete(answer);
  }

  /** Whose request a reply answers, from its key (the waiting request's own requester for a key of the id alone). */
  private static String answeredFor(String key, Pending p) {
    String main = key.contains("/reused/") ? key.substring(0, key.indexOf("/reused/")) : key;
    String id = p.requestId.value();
    return main.equals(id) ? p.requestedBy : main.substring(0, main.length() - id.length() - 1);
  }

  private static CertificateAnswer toAnswer(Event payload) {
    if (payload instanceof CertificateDelivered d) {
      return CertificateAnswer.issued(d.requestId(), d.caId(), d.serialNumber(), d.certificatePem(), d.chainPem(),
          d.notBefore(), d.notAfter(), Boolean.TRUE.equals(d.repeated()));
    }
    if (payload instanceof CertificateRequestRefused r) {
      return CertificateAnswer.refused(r.requestId(), r.caId(), r.code(), r.detail());
    }
    return null;
  }

  private void fail(Throwable e) {
    failure = e;
    LOG.log(Level.ERROR, "eventca client stopped reading " + config.replyTopic() + ": " + e, e);
    EventcaException error = new EventcaException("the client stopped reading answers from " + config.replyTopic(), e);
    for (Pending p : pending.values()) {
      p.future.completeExceptionally(error);
    }
  }

  /** Stops reading answers; requests still waiting fail with {@link EventcaException}. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      replyThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timer.shutdownNow();
    producer.close(Duration.ofSeconds(5));
    for (Pending p : pending.values()) {
      p.future.completeExceptionally(new EventcaException("the client was closed before request " + p.requestId
          + " was answered"));
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
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
