package io.eventca.issuer.kafka;

import io.eventca.events.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Answers the records of one polled batch on several threads, and hands the answers back in the records' order so the
 * transaction's content does not depend on the threads. What may run side by side and what may not:
 *
 * <ul>
 *   <li>Certificate requests are keyed by requester ({@code requester/<name>}): the records of one key run in their
 *       order on one thread, so a retry sees the answer to its first copy and one requester's rate limit is spent in
 *       order. Records of different keys share nothing but the batch's state, which is thread-safe.
 *   <li>Every other record of {@code eventca.requests} (a CA creation, keyed by CA id, and any record written there
 *       before requests were keyed by requester) is a barrier: what came before it is answered first, it is answered
 *       alone, then what follows, so a certificate request sees a CA created earlier in its batch.
 * </ul>
 *
 * <p>With one thread, or one key in a stretch, everything runs on the caller's thread as before.
 */
final class BatchAnswering implements AutoCloseable {
  private static final String REQUESTER_KEY = "requester/";

  private final int threads;
  private final ExecutorService pool;

  /** @param threads 0 means one per available processor */
  BatchAnswering(int threads) {
    this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    AtomicInteger count = new AtomicInteger();
    this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, task -> {
      Thread thread = new Thread(task, "issuer-signer-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  int threads() {
    return threads;
  }

  /**
   * The answers of {@code records}, one list per record, in the records' order.
   *
   * @throws RuntimeException the first failure of any record (the others were finished first, so nothing of the
   *     batch still runs when the caller aborts its transaction)
   */
  List<List<ProducerRecord<String, byte[]>>> answerAll(
      Iterable<ConsumerRecord<String, byte[]>> records, Function<ConsumerRecord<String, byte[]>, List<ProducerRecord<String, byte[]>>> answer) {
    List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
    records.forEach(all::add);
    List<List<ProducerRecord<String, byte[]>>> answers = new ArrayList<>(Collections.nCopies(all.size(), null));
    int start = 0;
    while (start < all.size()) {
      if (isBarrier(all.get(start))) {
        answers.set(start, answer.apply(all.get(start)));
        start++;
        continue;
      }
      int end = start;
      while (end < all.size() && !isBarrier(all.get(end))) {
        end++;
      }
      answerStretch(all, start, end, answers, answer);
      start = end;
    }
    return answers;
  }

  /** Records [start, end), none a barrier: one task per key, each key's records in order. */
  private void answerStretch(
      List<ConsumerRecord<String, byte[]>> all, int start, int end, List<List<ProducerRecord<String, byte[]>>> answers,
      Function<ConsumerRecord<String, byte[]>, List<ProducerRecord<String, byte[]>>> answer) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = start; i < end; i++) {
      String key = all.get(i).key();
      byKey.computeIfAbsent(key == null ? "" : key, k -> new ArrayList<>()).add(i);
    }
    if (pool == null || byKey.size() == 1) {
      for (int i = start; i < end; i++) {
        answers.set(i, answer.apply(all.get(i)));
      }
      return;
    }
    List<Future<?>> tasks = new ArrayList<>();
    for (List<Integer> indexes : byKey.values()) {
      tasks.add(pool.submit(() -> {
        for (int i : indexes) {
          // Each index is written by one task only; Future.get below publishes the writes to the caller.
          answers.set(i, answer.apply(all.get(i)));
        }
      }));
    }
    RuntimeException first = null;
    for (Future<?> task : tasks) {
      try {
        task.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (first == null) {
          first = new IllegalStateException("interrupted while the batch was answered", e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** True for a record that must be answered alone: anything on eventca.requests that is no requester's request. */
  static boolean isBarrier(ConsumerRecord<String, byte[]> record) {
    return Topic.REQUESTS.topicName().equals(record.topic()) && (record.key() == null || !record.key().startsWith(REQUESTER_KEY));
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
