package io.eventca.issuer.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * 128-bit names kept for a horizon (issue 12: memory bounded by the retry horizon, not by all history): one
 * {@link HashTable128} per span of time, a span being an eighth of the horizon; a name lives in the span of the time
 * it was recorded, and a span is dropped whole once all of it lies beyond the horizon. A name is so remembered for at
 * least the horizon and at most an eighth longer. {@link #FOREVER} keeps one span and forgets nothing. Not
 * thread-safe: its owner synchronizes.
 */
final class AgedTable {
  static final Duration FOREVER = Duration.ZERO;
  private static final int SPANS_PER_HORIZON = 8;

  private record Span(long start, HashTable128 table) {}

  private final long horizon;
  private final long span;
  private final Clock clock;
  private final List<Span> spans = new ArrayList<>(); // oldest first

  AgedTable(Duration horizon, Clock clock) {
    this.clock = clock;
    if (horizon.isNegative() || (!horizon.isZero() && horizon.compareTo(Duration.ofMinutes(1)) < 0)) {
      throw new IllegalArgumentException("the retry horizon must be 0 (forever) or at least one minute, not " + horizon);
    }
    if (horizon.isZero()) {
      this.horizon = Long.MAX_VALUE;
      this.span = Long.MAX_VALUE;
    } else {
      this.horizon = horizon.toMillis();
      this.span = Math.max(1, this.horizon / SPANS_PER_HORIZON);
    }
  }

  /** The horizon in milliseconds, 0 for forever: a snapshot is only read back under the same one. */
  long horizonMillis() {
    return horizon == Long.MAX_VALUE ? 0 : horizon;
  }

  long get(long[] name) {
    expire(clock.millis());
    for (int i = spans.size() - 1; i >= 0; i--) {
      long value = spans.get(i).table().get(name);
      if (value != HashTable128.NO_VALUE) {
        return value;
      }
    }
    return HashTable128.NO_VALUE;
  }

  boolean contains(long[] name) {
    return get(name) != HashTable128.NO_VALUE;
  }

  /**
   * Adds {@code name} as recorded at {@code atMillis} unless present; returns the value it had, or NO_VALUE. A name
   * recorded beyond the horizon is not kept (it would be forgotten at once).
   */
  long putIfAbsent(long[] name, long value, long atMillis) {
    long before = get(name);
    if (before != HashTable128.NO_VALUE) {
      return before;
    }
    long now = clock.millis();
    expire(now);
    if (horizon != Long.MAX_VALUE && atMillis < now - horizon) {
      return HashTable128.NO_VALUE;
    }
    spanFor(atMillis).table().putIfAbsent(name, value);
    return HashTable128.NO_VALUE;
  }

  boolean replace(long[] name, long value) {
    for (int i = spans.size() - 1; i >= 0; i--) {
      if (spans.get(i).table().replace(name, value)) {
        return true;
      }
    }
    return false;
  }

  int size() {
    int size = 0;
    for (Span s : spans) {
      size += s.table().size();
    }
    return size;
  }

  /** Drops the spans that end before the horizon. */
  void expire(long nowMillis) {
    if (horizon == Long.MAX_VALUE) {
      return;
    }
    while (!spans.isEmpty() && spans.get(0).start() + span <= nowMillis - horizon) {
      spans.remove(0);
    }
  }

  private Span spanFor(long atMillis) {
    long start = horizon == Long.MAX_VALUE ? Long.MIN_VALUE : Math.floorDiv(atMillis, span) * span;
    for (int i = spans.size() - 1; i >= 0; i--) {
      Span s = spans.get(i);
      if (s.start() == start) {
        return s;
      }
      if (s.start() < start) {
        Span created = new Span(start, new HashTable128());
        spans.add(i + 1, created);
        return created;
      }
    }
    Span created = new Span(start, new HashTable128());
    spans.add(0, created);
    return created;
  }

  /** Each span's start and entries; see {@link TableSnapshot} for why the owner's lock is taken a step at a time. */
  static void write(AgedTable aged, Object lock, DataOutputStream out, LongPredicate keep) throws IOException {
    List<Span> now;
    synchronized (lock) {
      now = List.copyOf(aged.spans);
    }
    out.writeInt(now.size());
    for (Span s : now) {
      out.writeLong(s.start());
      TableSnapshot.write(s.table(), lock, out, keep);
    }
  }

  /** Into an empty table; spans already beyond the horizon are read and dropped. */
  static void read(AgedTable aged, DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > 1 << 16) {
      throw new IOException("a snapshot with " + count + " spans");
    }
    for (int i = 0; i < count; i++) {
      long start = in.readLong();
      if (aged.horizon != Long.MAX_VALUE && start == Long.MIN_VALUE) {
        throw new IOException("a span of a table kept forever, read under a horizon");
      }
      Span s = aged.spanFor(aged.horizon == Long.MAX_VALUE ? 0 : start);
      TableSnapshot.read(s.table(), in);
    }
    aged.expire(aged.clock.millis());
  }
}
