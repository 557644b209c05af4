package io.eventca.issuer.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A set of 128-bit names (the first half of a SHA-256 of a string), each with one long value, in three primitive
 * arrays: 24 bytes per entry at most half full, where a map of objects takes 150 to 300 bytes for the same. The
 * worker remembers every answered request id and every used serial this way (issue 12: bounded memory as history
 * grows). Two different strings with the same name are possible only with chance 2^-128 per pair; each use says
 * what it does then. Not thread-safe: its owner synchronizes.
 */
final class HashTable128 {
  static final long NO_VALUE = Long.MIN_VALUE;

  private long[] high;
  private long[] low;
  private long[] values;
  private int size;
  private int generation;

  /** Receives a table's entries, for a snapshot. */
  interface EntrySink {
    void accept(long high, long low, long value) throws java.io.IOException;
  }

  HashTable128() {
    this(1024);
  }

  private HashTable128(int capacity) {
    high = new long[capacity];
    low = new long[capacity];
    values = new long[capacity];
  }

  /** The 128-bit name of {@code text}; never (0, 0), which marks a free slot. */
  static long[] name(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      ByteBuffer buffer = ByteBuffer.wrap(digest);
      long h = buffer.getLong();
      long l = buffer.getLong() | 1L;
      return new long[] {h, l};
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value under {@code name}, or {@link #NO_VALUE}. */
  long get(long[] name) {
    int slot = find(name[0], name[1]);
    return slot < 0 ? NO_VALUE : values[slot];
  }

  boolean contains(long[] name) {
    return find(name[0], name[1]) >= 0;
  }

  /** Adds {@code name} with {@code value} if absent; returns the value it had before, or {@link #NO_VALUE}. */
  long putIfAbsent(long[] name, long value) {
    int slot = find(name[0], name[1]);
    if (slot >= 0) {
      return values[slot];
    }
    if ((size + 1) * 2 > high.length) {
      grow();
    }
    insert(name[0], name[1], value);
    size++;
    return NO_VALUE;
  }

  /** Sets the value of a present name; false when the name is absent. */
  boolean replace(long[] name, long value) {
    int slot = find(name[0], name[1]);
    if (slot < 0) {
      return false;
    }
    values[slot] = value;
    return true;
  }

  int size() {
    return size;
  }

  /** Changes whenever the entries move to other slots (a grow), so a walk in steps knows to start again. */
  int generation() {
    return generation;
  }

  int capacity() {
    return high.length;
  }

  /** Hands the entries in slots {@code [from, to)} to {@code sink}; a step of a walk that need not hold the owner's lock throughout. */
  void exportSlots(int from, int to, EntrySink sink) throws java.io.IOException {
    for (int slot = from; slot < Math.min(to, high.length); slot++) {
      if (high[slot] != 0 || low[slot] != 0) {
        sink.accept(high[slot], low[slot], values[slot]);
      }
    }
  }

  /** Grows once, before many entries are added (a snapshot loaded), instead of doubling step by step. */
  void reserve(int entries) {
    while ((long) entries * 2 > high.length && high.length < (1 << 30)) {
      grow();
    }
  }

  /** Adds an entry as it was exported; a name already present keeps its value. */
  void putExported(long h, long l, long value) {
    if ((h == 0 && l == 0) || value == NO_VALUE) {
      throw new IllegalArgumentException("not an entry");
    }
    putIfAbsent(new long[] {h, l}, value);
  }

  private int find(long h, long l) {
    int mask = high.length - 1;
    for (int slot = (int) (h ^ (h >>> 32)) & mask; ; slot = (slot + 1) & mask) {
      if (high[slot] == 0 && low[slot] == 0) {
        return -1;
      }
      if (high[slot] == h && low[slot] == l) {
        return slot;
      }
    }
  }

  private void insert(long h, long l, long value) {
    int mask = high.length - 1;
    int slot = (int) (h ^ (h >>> 32)) & mask;
    while (high[slot] != 0 || low[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    high[slot] = h;
    low[slot] = l;
    values[slot] = value;
  }

  private void grow() {
    generation++;
    long[] oldHigh = high;
    long[] oldLow = low;
    long[] oldValues = values;
    high = new long[oldHigh.length * 2];
    low = new long[oldHigh.length * 2];
    values = new long[oldHigh.length * 2];
    for (int i = 0; i < oldHigh.length; i++) {
      if (oldHigh[i] != 0 || oldLow[i] != 0) {
        insert(oldHigh[i], oldLow[i], oldValues[i]);
      }
    }
  }
}
