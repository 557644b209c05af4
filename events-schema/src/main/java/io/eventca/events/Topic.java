package io.eventca.events;

import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ca.CaKeyStored;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.crl.CrlPublished;
import java.util.List;
import java.util.Map;

/**
 * The topic catalogue: the one place that names every topic, its key, what it carries and who writes it.
 * Every topic is keyed by CA id so the facts of one CA are read in order. Facts are never deleted by age
 * (retention.ms=-1) so every projection can be rebuilt by replay; compacted topics keep the latest value
 * per CA.
 */
public enum Topic {
  REQUESTS(
      "eventca.requests",
      "ca-service (and fleet requesters)",
      Cleanup.KEEP_FOREVER,
      List.of(CaCreationRequested.class, CertificateRequested.class)),
  ISSUANCE(
      "eventca.issuance",
      "issuer-worker",
      Cleanup.KEEP_FOREVER,
      List.of(CaCreated.class, CaCreationFailed.class, CertificateIssued.class, CertificateRejected.class)),
  REVOCATIONS("eventca.revocations", "ca-service", Cleanup.KEEP_FOREVER, List.of(CertificateRevoked.class)),
  CA_KEYS("eventca.ca-keys", "issuer-worker", Cleanup.COMPACT, List.of(CaKeyStored.class)),
  CRLS("eventca.crls", "crl-publisher", Cleanup.COMPACT, List.of(CrlPublished.class));

  /** Key of every record on every topic. */
  public static final String KEY = "CA id (UUID string)";

  private final String topicName;
  private final String writer;
  private final Cleanup cleanup;
  private final List<Class<? extends Event>> valueTypes;

  Topic(String topicName, String writer, Cleanup cleanup, List<Class<? extends Event>> valueTypes) {
    this.topicName = topicName;
    this.writer = writer;
    this.cleanup = cleanup;
    this.valueTypes = valueTypes;
  }

  public String topicName() {
    return topicName;
  }

  public String writer() {
    return writer;
  }

  public List<Class<? extends Event>> valueTypes() {
    return valueTypes;
  }

  public Map<String, String> config() {
    return cleanup.config;
  }

  public static Topic carrying(Class<? extends Event> type) {
    for (Topic topic : values()) {
      if (topic.valueTypes.contains(type)) {
        return topic;
      }
    }
    throw new IllegalArgumentException(type.getName() + " is on no topic");
  }

  enum Cleanup {
    KEEP_FOREVER(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")),
    COMPACT(Map.of("cleanup.policy", "compact", "retention.ms", "-1"));

    final Map<String, String> config;

    Cleanup(Map<String, String> config) {
      this.config = config;
    }
  }
}
