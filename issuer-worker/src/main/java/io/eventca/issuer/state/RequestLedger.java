package io.eventca.issuer.state;

import io.eventca.events.Event;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.RequestKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which request ids were answered, and where their answer lies on {@code eventca.issuance}. Per id the worker keeps 24
 * bytes (a 128-bit name of its {@link RequestKey#replyKey()} and the fact's partition and offset, {@link HashTable128}),
 * not the answer: a retry's answer is read back from the log ({@link FactFetcher}). "Is this id answered?", which every
 * request asks, never leaves memory; only a retry after the recent cache reads the log.
 *
 * <p>A fact the processor committed itself is known before the state reader has read it back: until then it has no
 * location, and its outcome is held whole ({@code unlocated}); once located it moves to a small cache of recent answers,
 * where quick retries find it.
 */
final class RequestLedger {
  static final long UNLOCATED = -1L;
  static final int RECENT = 10_000;
  private static final Logger LOG = Logger.getLogger(RequestLedger.class);

  private final AgedTable table;
  private final Map<RequestKey, RequestOutcome> unlocated = new HashMap<>();
  private final Map<RequestKey, RequestOutcome> recent = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<RequestKey, RequestOutcome> eldest) {
      return size() > RECENT;
    }
  };
  private final FactFetcher fetcher;

  /** @param horizon how long an answered id is remembered ({@link AgedTable#FOREVER}: always) */
  RequestLedger(FactFetcher fetcher, java.time.Duration horizon, java.time.Clock clock) {
    this.fetcher = fetcher;
    this.table = new AgedTable(horizon, clock);
  }

  /** The first answer of an id stands; a later one (there should be none) only tells where the first one lies. */
  /** @param atMillis when the answer was given: it is remembered for the horizon from then */
  void record(RequestKey key, Event fact, long location, long atMillis) {
    long[] name = HashTable128.name(key.replyKey()); // a SHA-256: outside the lock
    synchronized (this) {
      record(key, name, fact, location, atMillis);
    }
  }

  private void record(RequestKey key, long[] name, Event fact, long location, long atMillis) {
    long before = table.putIfAbsent(name, location, atMillis);
    if (before == HashTable128.NO_VALUE) {
      if (location == UNLOCATED && table.contains(name)) {
        unlocated.put(key, RequestOutcome.of(fact));
      }
    } else if (before == UNLOCATED && location != UNLOCATED) {
      table.replace(name, location);
      RequestOutcome outcome = unlocated.remove(key);
      if (outcome != null) {
        recent.put(key, outcome);
      }
    }
  }

  boolean answered(RequestKey key) {
    long[] name = HashTable128.name(key.replyKey());
    synchronized (this) {
      return table.contains(name);
    }
  }

  /** How {@code key} was answered; may read the log, and throws {@link StaleStateException} when it cannot. */
  Optional<RequestOutcome> outcome(RequestKey key) {
    long location;
    long[] name = HashTable128.name(key.replyKey());
    synchronized (this) {
      RequestOutcome held = unlocated.get(key);
      if (held == null) {
        held = recent.get(key);
      }
      if (held != null) {
        return Optional.of(held);
      }
      location = table.get(name);
    }
    if (location == HashTable128.NO_VALUE) {
      return Optional.empty();
    }
    if (location == UNLOCATED || fetcher == null) {
      throw new StaleStateException("the answer to request " + key.replyKey() + " is known but cannot be read back");
    }
    Event fact = fetcher.at(location)
        .orElseThrow(() -> new StaleStateException("the answer to request " + key.replyKey() + " could not be read from the log"));
    RequestKey found = fact instanceof CertificateIssued i ? i.requestKey() : fact instanceof CertificateRejected r ? r.requestKey() : null;
    if (!key.equals(found)) {
      // Two request keys with one 128-bit name, or a location that points elsewhere: the id stays answered, with no answer.
      LOG.errorf("the fact at %s answers %s, not %s", describe(location), found, key);
      return Optional.empty();
    }
    RequestOutcome outcome = RequestOutcome.of(fact);
    synchronized (this) {
      recent.put(key, outcome);
    }
    return Optional.of(outcome);
  }

  /** The located entries (an unlocated one lies past the reader's position, so a restart reads it again). */
  void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
    AgedTable.write(table, this, out, value -> value != UNLOCATED);
  }

  synchronized void readFrom(java.io.DataInputStream in) throws java.io.IOException {
    AgedTable.read(table, in);
  }

  synchronized int size() {
    return table.size();
  }

  /** Partition in the top 24 bits, offset in the low 40 (a trillion records per partition). */
  static long location(int partition, long offset) {
    if (partition < 0 || partition >= (1 << 23) || offset < 0 || offset >= (1L << 40)) {
      throw new IllegalArgumentException("no location for partition " + partition + " offset " + offset);
    }
    return ((long) partition << 40) | offset;
  }

  static int partition(long location) {
    return (int) (location >>> 40);
  }

  static long offset(long location) {
    return location & ((1L << 40) - 1);
  }

  static String describe(long location) {
    return "eventca.issuance partition " + partition(location) + " offset " + offset(location);
  }
}
