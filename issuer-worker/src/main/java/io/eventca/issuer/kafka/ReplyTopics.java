package io.eventca.issuer.kafka;

import io.eventca.events.Topic;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Where the answer to a request goes. A requester may name its own topic in {@code replyTopic}; a bad name must
 * never stop the line, so:
 *
 * <ul>
 *   <li>absent (or {@code eventca.replies}): {@code eventca.replies};
 *   <li>not matching {@code eventca\.[A-Za-z0-9._-]{1,200}}: no answer at all (the fact is still recorded);
 *   <li>one of eventca's own topics other than {@code eventca.replies} (eventca.issuance, eventca.ca-keys, ...):
 *       {@code eventca.replies}, so an answer never lands among the facts;
 *   <li>a topic that does not exist (nothing auto-creates it; the producer would block on it): {@code
 *       eventca.replies}. The list of topics is cached and refreshed at most every {@value #REFRESH_MILLIS} ms, so
 *       a topic created a moment ago is used from the next refresh on;
 *   <li>a topic a write failed on (not authorised, deleted since the last refresh): {@code eventca.replies} for
 *       {@value #FAILED_MILLIS} ms. The batch that failed is aborted and retried, and the retry answers on the
 *       default topic.
 * </ul>
 *
 * Used from the processor thread; {@link #failed} may also be called from the producer's callback thread.
 */
final class ReplyTopics {
  private static final Logger LOG = Logger.getLogger(ReplyTopics.class);
  static final Pattern NAME = Pattern.compile("eventca\\.[A-Za-z0-9._-]{1,200}");
  static final long REFRESH_MILLIS = 30_000;
  static final long FAILED_MILLIS = 600_000;
  private static final int MAX_FAILED = 10_000;
  /** eventca's own topics, where no answer may go: every catalogue topic but the default reply topic. */
  private static final Set<String> RESERVED = Arrays.stream(Topic.values()).filter(t -> t != Topic.REPLIES).map(Topic::topicName)
      .collect(Collectors.toUnmodifiableSet());

  private final Supplier<Set<String>> listTopics;
  private final LongSupplier millis;
  private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
  private Set<String> known = Set.of();
  private long knownAt;
  private boolean listed;

  /**
   * @param listTopics the names of the topics that exist now (may throw; then the last list is kept)
   * @param millis the clock
   */
  ReplyTopics(Supplier<Set<String>> listTopics, LongSupplier millis) {
    this.listTopics = listTopics;
    this.millis = millis;
  }

  /** The topic to answer on, or empty when the request named no usable topic name at all (no answer). */
  Optional<String> resolve(String requested) {
    if (requested == null || requested.equals(Topic.DEFAULT_REPLY_TOPIC)) {
      return Optional.of(Topic.DEFAULT_REPLY_TOPIC);
    }
    if (!NAME.matcher(requested).matches()) {
      // The name is the requester's text: not logged, only its length.
      LOG.warnf("a reply topic of %d characters is no eventca.* topic name; the request is not answered", requested.length());
      return Optional.empty();
    }
    if (RESERVED.contains(requested)) {
      LOG.warnf("reply topic %s is one of eventca's own topics; answering on %s", requested, Topic.DEFAULT_REPLY_TOPIC);
      return Optional.of(Topic.DEFAULT_REPLY_TOPIC);
    }
    Long failed = failedAt.get(requested);
    if (failed != null) {
      if (millis.getAsLong() - failed < FAILED_MILLIS) {
        LOG.warnf("writing to reply topic %s failed recently; answering on %s", requested, Topic.DEFAULT_REPLY_TOPIC);
        return Optional.of(Topic.DEFAULT_REPLY_TOPIC);
      }
      failedAt.remove(requested);
    }
    if (!exists(requested)) {
      LOG.warnf("reply topic %s does not exist; answering on %s", requested, Topic.DEFAULT_REPLY_TOPIC);
      return Optional.of(Topic.DEFAULT_REPLY_TOPIC);
    }
    return Optional.of(requested);
  }

  /** A write to {@code topic} failed: answer on the default topic instead for a while. */
  void failed(String topic) {
    if (topic == null || topic.equals(Topic.DEFAULT_REPLY_TOPIC) || RESERVED.contains(topic)) {
      return;
    }
    if (failedAt.size() >= MAX_FAILED) {
      failedAt.clear();
    }
    failedAt.put(topic, millis.getAsLong());
    LOG.warnf("writing to reply topic %s failed; answering on %s for the next %d s", topic, Topic.DEFAULT_REPLY_TOPIC,
        FAILED_MILLIS / 1000);
  }

  private boolean exists(String topic) {
    long now = millis.getAsLong();
    if (!listed || now - knownAt >= REFRESH_MILLIS) {
      // Also after a failed listing: the next attempt waits for the next refresh, so a broker that cannot list
      // topics does not slow every request down.
      knownAt = now;
      listed = true;
      try {
        known = Set.copyOf(listTopics.get());
      } catch (RuntimeException e) {
        LOG.warnf("cannot list topics (%s); using the list of %d topics read before", e.toString(), known.size());
      }
    }
    return known.contains(topic);
  }
}
