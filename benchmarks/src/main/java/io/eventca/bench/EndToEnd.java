package io.eventca.bench;

import io.eventca.client.CertificateAnswer;
import io.eventca.client.CertificateRequest;
import io.eventca.client.ClientConfig;
import io.eventca.client.EventcaClient;
import io.eventca.client.EventcaTimeoutException;
import io.eventca.client.RequestSigner;
import io.eventca.events.ids.RequestId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One closed-loop run: M requester threads each keep at most K requests waiting and send the next as soon as an
 * answer comes back, until N requests were sent; the latency of each is publish to answer (System.nanoTime).
 */
public final class EndToEnd {
  /** What one run measured; latencies of answered requests only, ascending, in nanoseconds. */
  public record Result(
      String clients, int requests, int issued, int refused, int repeated, int timeouts, int errors,
      Map<String, Integer> refusalCodes, double seconds, long[] sortedLatencies) {

    public int answered() {
      return issued + refused;
    }

    public double throughput() {
      return seconds == 0 ? 0 : answered() / seconds;
    }

    /** Latency percentile in milliseconds, or NaN when nothing was answered. */
    public double latencyMs(double p) {
      return sortedLatencies.length == 0 ? Double.NaN : Percentiles.of(sortedLatencies, p) / 1e6;
    }

    public double maxLatencyMs() {
      return sortedLatencies.length == 0 ? Double.NaN : sortedLatencies[sortedLatencies.length - 1] / 1e6;
    }
  }

  private final Options options;
  private final Options.Clients mode;
  private final List<String> csrs;
  private final PrintStream err;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger repeated = new AtomicInteger();
  private final AtomicInteger timeouts = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final Map<String, Integer> refusalCodes = new ConcurrentHashMap<>();
  private final Map<String, Integer> errorKinds = new ConcurrentHashMap<>();
  private final LatencyRecorder latencies;

  /**
   * How the run's clients log in and sign: Kafka settings for every client; with a signer, requester i is
   * {@code requesters.get(i)} (registered beforehand) and signs; without, requester i is named after the run.
   */
  record Login(Map<String, String> kafkaProperties, RequestSigner signer, List<String> requesters) {}

  private final Login login;

  EndToEnd(Options options, Options.Clients mode, List<String> csrs, PrintStream err, Login login) {
    this.login = login;
    this.options = options;
    this.mode = mode;
    this.csrs = csrs;
    this.err = err;
    this.latencies = new LatencyRecorder(options.requests());
  }

  Result run() throws InterruptedException {
    List<EventcaClient> clients = new ArrayList<>();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "load-progress");
      t.setDaemon(true);
      return t;
    });
    try {
      int clientCount = mode == Options.Clients.SHARED ? 1 : options.requesters();
      for (int i = 0; i < clientCount; i++) {
        String requester = login.signer() == null ? "loadgen-" + runId + "-" + i : login.requesters().get(i);
        clients.add(new EventcaClient(ClientConfig.of(options.bootstrap(), requester)
            .withReplyTopic(options.replyTopic())
            .withTimeout(options.timeout())
            .withAttempts(options.attempts())
            .withKafkaProperties(login.kafkaProperties())
            .withSigner(login.signer())));
      }
      err.printf(Locale.ROOT, "run %s: %d requests, %d requesters x %d in flight, %s client%s%n", runId,
          options.requests(), options.requesters(), options.inFlight(), mode.label(), clientCount == 1 ? "" : "s");
      long start = System.nanoTime();
      if (options.progress()) {
        Progress progress = new Progress(start);
        ticker.scheduleAtFixedRate(progress::print, 1, 1, TimeUnit.SECONDS);
      }
      List<Thread> requesters = new ArrayList<>();
      for (int r = 0; r < options.requesters(); r++) {
        EventcaClient client = clients.get(r % clients.size());
        Thread t = new Thread(() -> requester(client), "requester-" + r);
        requesters.add(t);
        t.start();
      }
      for (Thread t : requesters) {
        t.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      ticker.shutdownNow();
      if (!errorKinds.isEmpty()) {
        err.println("errors: " + errorKinds);
      }
      return new Result(mode.label(), options.requests(), issued.get(), refused.get(), repeated.get(), timeouts.get(),
          errors.get(), new TreeMap<>(refusalCodes), seconds, latencies.sortedSnapshot());
    } finally {
      ticker.shutdownNow();
      for (EventcaClient c : clients) {
        c.close();
      }
    }
  }

  private void requester(EventcaClient client) {
    Semaphore window = new Semaphore(options.inFlight());
    try {
      while (true) {
        window.acquire();
        int i = next.getAndIncrement();
        if (i >= options.requests()) {
          window.release();
          break;
        }
        CertificateRequest request = new CertificateRequest(new RequestId("bench-" + runId + "-" + i), options.caId(),
            options.profile(), csrs.get(i % csrs.size()), options.validityDays(), null, null);
        long sent = System.nanoTime();
        CompletableFuture<CertificateAnswer> answer;
        try {
          answer = client.request(request);
        } catch (RuntimeException e) {
          failed(e);
          window.release();
          continue;
        }
        answer.whenComplete((a, e) -> {
          long latency = System.nanoTime() - sent;
          if (a != null) {
            latencies.record(latency);
            if (a.isIssued()) {
              issued.incrementAndGet();
              if (a.asIssued().repeated()) {
                repeated.incrementAndGet();
              }
            } else {
              refused.incrementAndGet();
              refusalCodes.merge(a.asRefused().code(), 1, Integer::sum);
            }
          } else {
            failed(e);
          }
          done.incrementAndGet();
          window.release();
        });
      }
      window.acquire(options.inFlight()); // wait for this requester's last answers
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void failed(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof EventcaTimeoutException) {
      timeouts.incrementAndGet();
    } else {
      errors.incrementAndGet();
      errorKinds.merge(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 1, Integer::sum);
    }
  }

  /** The progress line printed every second. */
  private final class Progress {
    private final long start;
    private long lastTime;
    private int lastDone;

    Progress(long start) {
      this.start = start;
      this.lastTime = start;
    }

    void print() {
      long now = System.nanoTime();
      int d = done.get();
      double rate = (d - lastDone) / ((now - lastTime) / 1e9);
      lastDone = d;
      lastTime = now;
      long[] sorted = latencies.sortedSnapshot();
      String latency = sorted.length == 0 ? "no answers yet"
          : String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", Percentiles.of(sorted, 50) / 1e6,
              Percentiles.of(sorted, 99) / 1e6);
      err.printf(Locale.ROOT, "[%4.0fs] %d/%d done, %.0f/s now, %s, %d timeouts%n",
          (now - start) / 1e9, d, options.requests(), rate, latency, timeouts.get());
    }
  }
}
