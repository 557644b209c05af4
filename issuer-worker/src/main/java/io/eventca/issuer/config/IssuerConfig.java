package io.eventca.issuer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

@ConfigMapping(prefix = "eventca.issuer")
public interface IssuerConfig {
  Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  /**
   * Names this worker instance; its transactional id is {@code eventca-issuer-worker-<instance-id>}. Stable
   * across restarts so a restarted worker fences its predecessor and aborts its open transaction at once;
   * unique per running instance, or two instances fence each other. Defaults to the host name.
   */
  Optional<String> instanceId();

  /** How long a request waits for the CA state to reach the log's end before its batch is retried. */
  @WithDefault("15s")
  Duration catchUpTimeout();

  /**
   * Requests per poll, and so per Kafka transaction: the bound on in-flight work per worker. Kept small because
   * a batch must finish within the transaction timeout (2 min) even when it holds CA creations with slow key
   * generation; 50 measured no faster than 10 on the benchmark machine (docs/BENCHMARKS.md).
   */
  @WithDefault("10")
  @jakarta.validation.constraints.Min(1)
  @jakarta.validation.constraints.Max(500)
  int maxBatch();

  /**
   * Certificate requests per second per requester (requestedBy) and worker instance; 0 means no limit. Over the
   * limit a request is refused with code rate-limited and leaves no fact, so a later retry with the same id is
   * served. The buckets are per instance; certificate requests are keyed by requester, so all of one requester's
   * requests reach one partition and one worker (until a rebalance moves that partition).
   */
  @WithDefault("0")
  @jakarta.validation.constraints.DecimalMin("0")
  double rateLimitPerRequester();

  /**
   * Threads that answer the certificate requests of one batch in parallel (one requester's in order on one thread);
   * 0 means one per available processor. The consumer, the producer and the transaction stay on one thread.
   */
  @WithDefault("0")
  @jakarta.validation.constraints.Min(0)
  @jakarta.validation.constraints.Max(64)
  int signingThreads();

  /**
   * How long an answered request id is remembered (a retry within it gets the same answer; one after it is a new
   * request) and a used serial is checked against (docs/ISSUANCE-CYCLE.md, step 0). {@code 0}: forever.
   */
  @WithDefault("P30D")
  Duration retryHorizon();

  /**
   * Where the worker keeps a snapshot of what it knows of eventca.issuance, so that a restart reads only the facts
   * after it (docs/ISSUANCE-CYCLE.md, step 0). Absent: no snapshot, every start reads the whole topic.
   */
  Optional<String> snapshotDir();

  /** Issuance facts read between two snapshots (one is also written at shutdown). */
  @WithDefault("100000")
  @jakarta.validation.constraints.Min(1)
  int snapshotEvery();

  /** A request record larger than this is not read: it is dead-lettered as too-large (unread, so no reply). */
  @WithDefault("65536")
  @jakarta.validation.constraints.Min(1024)
  @jakarta.validation.constraints.Max(1048576)
  int maxRequestBytes();

  /** The configured instance id, else the host name; checked so it is safe inside a transactional id. */
  default String effectiveInstanceId() {
    String id = instanceId().orElseGet(IssuerConfig::hostName);
    if (!INSTANCE_ID.matcher(id).matches()) {
      throw new IllegalStateException(
          "eventca.issuer.instance-id must be 1 to 100 of A-Z a-z 0-9 . _ - (set EVENTCA_ISSUER_INSTANCE_ID), was '" + id + "'");
    }
    return id;
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "issuer-worker";
    }
  }
}
