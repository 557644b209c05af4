package io.eventca.service;

import java.time.Duration;

/** The threads that poll a Kafka client in a loop, and how they are stopped. */
public final class PollingThreads {
  private PollingThreads() {}

  /**
   * Wakes the client out of its poll (its thread then sees it is to stop) and waits up to {@code wait} for the thread
   * to end; an interrupt of the caller is kept, never swallowed.
   */
  public static void wakeAndJoin(Runnable wakeup, Thread thread, Duration wait) {
    wakeup.run();
    try {
      thread.join(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
