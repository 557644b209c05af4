package io.eventca.ca.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets an HTTP call that asked {@code Prefer: wait=N} block until the projection has applied the outcome
 * of its command (a CA created or failed, a request issued or rejected). Keys are CA ids or request ids.
 *
 * <p>The projection may {@link #stage} the rows it wrote for a key; the waiter then gets them with the outcome, once the
 * transaction committed, and answers from the very rows a later GET reads, without reading them back (issue 12).
 */
@ApplicationScoped
public class Outcomes {
  private final ConcurrentMap<String, CompletableFuture<Object>> waiting = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Object> staged = new ConcurrentHashMap<>();

  /** Register before the command is sent, so an outcome that comes back fast is not missed. */
  public CompletableFuture<Object> expect(String key) {
    return waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
  }

  /** Inside the projection's transaction: what the outcome of {@code key} wrote, if somebody waits for it. */
  public void stage(String key, Object rows) {
    if (waiting.containsKey(key)) {
      staged.put(key, rows);
    }
  }

  /** After the commit. */
  public void arrived(String key) {
    Object rows = staged.remove(key);
    Optional.ofNullable(waiting.remove(key)).ifPresent(f -> f.complete(rows));
  }

  public void forget(String key) {
    waiting.remove(key);
    staged.remove(key);
  }

  /** What the projection staged with an outcome that arrived, or null (then read it from the database). */
  public static Object staged(CompletableFuture<Object> outcome) {
    return outcome.getNow(null);
  }

  /** Blocks up to {@code timeout}; true when the outcome arrived. Call from a worker thread only. */
  public boolean await(CompletableFuture<Object> outcome, Duration timeout) {
    try {
      outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    }
  }
}
