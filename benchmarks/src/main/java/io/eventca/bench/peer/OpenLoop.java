package io.eventca.bench.peer;

import io.eventca.bench.Percentiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load for benchmarks/peer-bench.sh: POSTs the JSON bodies of a file (one per line, in turn) at a fixed
 * rate, whatever the answers do, and times each request from when it was due, not from when it went out, so a slow
 * server cannot hide its queue (no coordinated omission). A warm-up at the same rate is not counted.
 *
 * <p>Usage: {@code OpenLoop <url> <bodies> <headers|-> <rate/s> <seconds> <warm-up seconds>}; headers one
 * "Name: value" per line. Prints {@code RESULT offered=... rate=... p50=... p90=... p99=... errors=... late=...}
 * (ms); "late" counts requests that could not even be sent because 4,096 were already waiting.
 */
public final class OpenLoop {
  private static final int MAX_OUTSTANDING = 4096;

  private OpenLoop() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: OpenLoop <url> <bodies> <headers|-> <rate/s> <seconds> <warm-up seconds>");
      System.exit(2);
    }
    URI url = URI.create(args[0]);
    List<String> bodies = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
    List<String[]> headers = new ArrayList<>();
    if (!args[2].equals("-")) {
      for (String line : Files.readAllLines(Path.of(args[2]))) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
      }
    }
    double rate = Double.parseDouble(args[3]);
    int seconds = Integer.parseInt(args[4]);
    int warmup = Integer.parseInt(args[5]);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    run(client, url, bodies, headers, rate, warmup, false);
    run(client, url, bodies, headers, rate, seconds, true);
    System.exit(0);
  }

  private static void run(HttpClient client, URI url, List<String> bodies, List<String[]> headers, double rate, int seconds,
      boolean report) throws InterruptedException {
    int total = (int) Math.round(rate * seconds);
    AtomicLongArray latencies = new AtomicLongArray(Math.max(total, 1));
    AtomicInteger done = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    int late = 0;
    Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
    long start = System.nanoTime();
    long intervalNanos = (long) (1e9 / rate);
    for (int i = 0; i < total; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      if (!outstanding.tryAcquire()) {
        late++;
        errors.incrementAndGet();
        done.incrementAndGet();
        latencies.set(i, -1);
        continue;
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size())));
      headers.forEach(h -> request.header(h[0], h[1]));
      int index = i;
      client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
        latencies.set(index, System.nanoTime() - due);
        if (error != null || response.statusCode() >= 300) {
          errors.incrementAndGet();
        }
        done.incrementAndGet();
        outstanding.release();
      });
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(35).toNanos();
    while (done.get() < total && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (!report) {
      return;
    }
    long[] values = new long[total];
    int count = 0;
    for (int i = 0; i < total; i++) {
      if (latencies.get(i) > 0) {
        values[count++] = latencies.get(i);
      }
    }
    long[] sorted = Percentiles.sorted(values, count);
    System.out.printf(Locale.ROOT, "RESULT offered=%.1f requests=%d rate=%.1f p50=%.1f p90=%.1f p99=%.1f errors=%d late=%d%n",
        rate, total, (done.get() - errors.get()) / elapsed, ms(sorted, 50), ms(sorted, 90), ms(sorted, 99), errors.get(), late);
  }

  private static double ms(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : Percentiles.of(sorted, p) / 1e6;
  }
}
