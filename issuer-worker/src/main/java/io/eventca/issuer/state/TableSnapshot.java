package io.eventca.issuer.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.LongPredicate;

/**
 * Writes a {@link HashTable128} to a snapshot and reads it back. The walk takes the owner's lock one step of slots at a
 * time, so the request processor is never held up for the whole table; entries added meanwhile belong to facts past the
 * snapshot's positions, which a restart replays anyway. A grow moves every entry, so the walk starts again: the
 * entries written twice are harmless (the first one stands on reading).
 */
final class TableSnapshot {
  private static final int STEP = 1 << 16;

  private TableSnapshot() {}

  static void write(HashTable128 table, Object lock, DataOutputStream out, LongPredicate keep) throws IOException {
    int slot = 0;
    int generation;
    synchronized (lock) {
      generation = table.generation();
      out.writeInt(table.size());
    }
    HashTable128.EntrySink sink = (h, l, v) -> {
      if (keep.test(v)) {
        out.writeLong(h);
        out.writeLong(l);
        out.writeLong(v);
      }
    };
    while (true) {
      synchronized (lock) {
        if (table.generation() != generation) {
          generation = table.generation();
          slot = 0;
        }
        if (slot >= table.capacity()) {
          break;
        }
        table.exportSlots(slot, slot + STEP, sink);
      }
      slot += STEP;
    }
    // (0, 0) is never a name: it ends the entries.
    out.writeLong(0);
    out.writeLong(0);
  }

  static void read(HashTable128 table, DataInputStream in) throws IOException {
    int expected = in.readInt();
    if (expected < 0 || expected > 1 << 28) {
      throw new IOException("an entry count of " + expected);
    }
    table.reserve(expected);
    while (true) {
      long h = in.readLong();
      long l = in.readLong();
      if (h == 0 && l == 0) {
        return;
      }
      table.putExported(h, l, in.readLong());
    }
  }
}
