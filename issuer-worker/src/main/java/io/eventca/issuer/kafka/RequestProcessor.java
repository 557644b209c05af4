package io.eventca.issuer.kafka;

import io.eventca.events.Topic;
import io.eventca.issuer.RequestHandler;
import io.eventca.issuer.state.Batch;
import io.eventca.issuer.state.CaState;
import io.eventca.issuer.state.StaleStateException;
import io.eventca.service.BatchTimings;
import io.eventca.service.TransactionalBatchLoop;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Consumes {@code eventca.requests} (written by ca-service) and {@code eventca.fleet-requests} (signed requests of
 * registered requesters) in group {@value #GROUP} exactly once, through service-kit's {@link TransactionalBatchLoop}:
 * each polled batch (at most {@code eventca.issuer.max-batch} records) becomes one Kafka transaction holding every
 * fact, every answer on a reply topic, every dead letter and the consumed offsets. What one record leads to is decided
 * by {@link RecordAnswerer}, which answers garbage instead of throwing, so no record can make the batch fail again and
 * again; this class adds what is the issuer's own: nothing is consumed before the CA state has caught up, new
 * partitions are caught up on first, a batch's facts reach the CA state only once committed, and a reply topic that
 * cannot be written is avoided from the retry on.
 */
public final class RequestProcessor implements AutoCloseable {
  public static final String GROUP = "eventca-issuer-worker";
  /** Room for a slow batch; a restarted instance (same transactional id) aborts a dead one at once anyway. */
  static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(2);
  /** First retry of a transactional request the coordinator is still busy with (growing to retry.backoff.max.ms). */
  static final Duration TRANSACTION_RETRY_BACKOFF = Duration.ofMillis(5);
  /** The logger that, at DEBUG, times each batch (docs/BENCHMARKS.md). */
  static final String TIMINGS = "eventca.issuer.timings";

  private final CaState state;
  private final BooleanSupplier initialCatchUp;
  private final Runnable catchUp;
  private final ReplyTopics replyTopics;
  private final RecordAnswerer answerer;
  private final BatchAnswering answering;
  private TransactionalBatchLoop loop;

  /**
   * What bounds the processor's work.
   *
   * @param maxRequestBytes a larger record is dead-lettered unread
   * @param maxBatch records per poll and per transaction
   * @param rateLimitPerRequester requests per second one requester may send; 0: no limit
   * @param signingThreads threads answering one batch's certificate requests in parallel; 0: one per processor
   */
  public record Limits(int maxRequestBytes, int maxBatch, double rateLimitPerRequester, int signingThreads) {}

  private RequestProcessor(CaState state, RequestHandler handler, BooleanSupplier initialCatchUp, Runnable catchUp, Limits limits) {
    this.state = state;
    this.initialCatchUp = initialCatchUp;
    this.catchUp = catchUp;
    this.replyTopics = new ReplyTopics(() -> loop.listTopics(), System::currentTimeMillis);
    this.answering = new BatchAnswering(limits.signingThreads());
    this.answerer = new RecordAnswerer(handler, new Answers(replyTopics),
        new RateLimiter(limits.rateLimitPerRequester(), System::nanoTime), limits.maxRequestBytes(), catchUp);
  }

  /**
   * @param initialCatchUp true once the CA state holds everything committed at start-up
   * @param catchUp brings the CA state to the log's end or throws {@link StaleStateException}
   */
  public static RequestProcessor start(String bootstrapServers, String instanceId, CaState state, RequestHandler handler,
      BooleanSupplier initialCatchUp, Runnable catchUp, Limits limits) {
    RequestProcessor processor = new RequestProcessor(state, handler, initialCatchUp, catchUp, limits);
    TransactionalBatchLoop.Settings settings = new TransactionalBatchLoop.Settings(bootstrapServers, GROUP,
        "issuer-worker-" + instanceId, transactionalId(instanceId),
        List.of(Topic.REQUESTS.topicName(), Topic.FLEET_REQUESTS.topicName()), limits.maxBatch(), TRANSACTION_TIMEOUT,
        TRANSACTION_RETRY_BACKOFF, "issuer-request-processor");
    processor.loop = TransactionalBatchLoop.create(settings, processor.new Work(),
        new BatchTimings(TIMINGS, "checks+sign", System::nanoTime, 10_000_000_000L));
    processor.loop.start();
    return processor;
  }

  /** {@code eventca-issuer-worker-<instanceId>}: stable per instance, so a restart fences its predecessor. */
  public static String transactionalId(String instanceId) {
    return GROUP + "-" + instanceId;
  }

  /** True while the consumer is subscribed and the loop runs. */
  public boolean isConsuming() {
    return loop.isConsuming();
  }

  private final class Work implements TransactionalBatchLoop.Work {
    @Override
    public boolean ready() {
      // Idempotence checks need the answers already on the log, so nothing is consumed before the state has them.
      return initialCatchUp.getAsBoolean();
    }

    @Override
    public void assigned() {
      // New partitions may come with answers another instance wrote: read them before deciding duplicates.
      catchUp.run();
    }

    @Override
    public TransactionalBatchLoop.Outcome process(ConsumerRecords<String, byte[]> records) {
      Batch batch = new Batch(state);
      List<List<ProducerRecord<String, byte[]>>> answers = answering.answerAll(records, record -> answerer.answer(record, batch));
      return new TransactionalBatchLoop.Outcome(answers, batch::applyCommitted);
    }

    /**
     * When a write fails because of its topic (not authorised, unknown, invalid, or no metadata for it), that reply
     * topic is avoided from the batch's retry on. Failures that are not about the topic (a broker away, the
     * transaction already failing) demote nothing.
     */
    @Override
    public void sendFailed(ProducerRecord<String, byte[]> record, Exception error) {
      if (aboutTheTopic(error)) {
        replyTopics.failed(record.topic());
      }
    }

    /** On the loop's thread, after its last batch: no answering task can still be running. */
    @Override
    public void stopped() {
      answering.close();
    }

    @Override
    public boolean expected(RuntimeException error) {
      return error instanceof StaleStateException;
    }
  }

  private static boolean aboutTheTopic(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TopicAuthorizationException || t instanceof UnknownTopicOrPartitionException || t instanceof InvalidTopicException) {
        return true;
      }
      if (t instanceof org.apache.kafka.common.errors.TimeoutException && t.getMessage() != null
          && t.getMessage().contains("not present in metadata")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    loop.close();
  }
}
