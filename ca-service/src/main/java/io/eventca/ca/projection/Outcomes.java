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
 */
@ApplicationScoped
public class Outcomes {
  private final ConcurrentMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

  /** Register before the command is sent, so an outcome that comes back fast is not missed. */
  public CompletableFuture<Void> expect(String key) {
    return waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
  }

  public void arrived(String key) {
    Optional.ofNullable(waiting.remove(key)).ifPresent(f -> f.complete(null));
  }

  public void forget(String key) {
    waiting.remove(key);
  }

  /** Blocks up to {@code timeout}; true when the outcome arrived. Call from a worker thread only. */
  public boolean await(CompletableFuture<Void> outcome, Duration timeout) {
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
