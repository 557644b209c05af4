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
import io.eventca.events.crl.RevocationPublished;
import io.eventca.events.fleet.CertificateDelivered;
import io.eventca.events.fleet.CertificateRequestRefused;
import io.eventca.events.fleet.RequestDeadLettered;
import io.eventca.events.registry.CaRetired;
import io.eventca.events.registry.KeyDownloadLockedOut;
import io.eventca.events.registry.KeyDownloadUnlocked;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.events.registry.RequesterRetired;
import java.util.List;
import java.util.Map;

/**
 * The topic catalogue: the one place that names every topic, its key, what it carries and who writes it.
 * The fact topics are keyed by CA id so the facts of one CA are read in order; certificate requests by requester, so
 * that one CA's requests spread over the partitions and the workers; replies are keyed by requester and request id
 * and dead letters by the key of the record they keep (see {@link #key()}). Nothing is ever deleted by age
 * (retention.ms=-1) so every projection can be rebuilt by replay; compacted topics keep the latest value per key.
 */
public enum Topic {
  REQUESTS(
      "eventca.requests",
      "ca-service (only: issuer-worker trusts what is written here, so ACLs must keep everyone else out)",
      Cleanup.KEEP_FOREVER,
      "requester/<requestedBy> (certificate requests), CA id (CA creation requests)",
      List.of(CaCreationRequested.class, CertificateRequested.class)),
  /**
   * Certificate requests from fleet services. Every record must be signed by a requester key an admin
   * registered ({@link io.eventca.events.fleet.RequestSignature}) and is held to that requester's policy; an
   * inbound topic, so {@link #carrying} names {@link #REQUESTS} as the home of CertificateRequested.
   */
  FLEET_REQUESTS(
      "eventca.fleet-requests",
      "fleet requesters (signed by their registered key)",
      Cleanup.KEEP_FOREVER,
      "requester/<requestedBy>",
      List.of(CertificateRequested.class)),
  /**
   * Who may ask for what, which CAs no longer issue, and which server-generated keys are locked out after too many
   * wrong passphrases: requester registrations, CA retirements, key-download lock-outs and their lifting.
   */
  REGISTRY(
      "eventca.registry",
      "ca-service",
      Cleanup.KEEP_FOREVER,
      "requester/<name> (requesters), CA id (CA retirements, key-download lock-outs)",
      List.of(RequesterRegistered.class, RequesterRetired.class, CaRetired.class, KeyDownloadLockedOut.class, KeyDownloadUnlocked.class)),
  ISSUANCE(
      "eventca.issuance",
      "issuer-worker",
      Cleanup.KEEP_FOREVER,
      "CA id",
      List.of(CaCreated.class, CaCreationFailed.class, CertificateIssued.class, CertificateRejected.class)),
  REVOCATIONS("eventca.revocations", "ca-service", Cleanup.KEEP_FOREVER, "CA id", List.of(CertificateRevoked.class)),
  CA_KEYS("eventca.ca-keys", "issuer-worker", Cleanup.COMPACT, "CA id", List.of(CaKeyStored.class)),
  /** The latest full CRL per CA (key: CA id) and the latest delta CRL per CA (key: {@code <caId>.delta}). */
  CRLS("eventca.crls", "crl-publisher", Cleanup.COMPACT, "CA id (full CRL), <caId>.delta (delta CRL)", List.of(CrlPublished.class)),
  /** The fleet's revocation feed: one record per revoked certificate, written with the first CRL that lists it. */
  REVOCATION_FEED(
      "eventca.revocation-feed", "crl-publisher", Cleanup.COMPACT, "<caId>/<serial>", List.of(RevocationPublished.class)),
  /**
   * The default reply topic: the one answer to each fleet request. Requesters may name another topic in
   * {@code replyTopic}; its records are keyed the same way.
   */
  REPLIES(
      "eventca.replies",
      "issuer-worker",
      Cleanup.COMPACT,
      "<requestedBy>/<requestId> (RequestKey; a reused id's refusal under <...>/reused/<fingerprint16>)",
      List.of(CertificateDelivered.class, CertificateRequestRefused.class)),
  /** Records on eventca.requests that could not be handled, kept for people to look at. */
  DEAD_LETTERS(
      "eventca.dead-letters",
      "issuer-worker",
      Cleanup.KEEP_FOREVER,
      "the source record's key (CA id when readable)",
      List.of(RequestDeadLettered.class));

  /** Key of every record on the topics keyed by CA id (all but the request topics' certificate requests, REPLIES, DEAD_LETTERS, REVOCATION_FEED and delta CRLs); see {@link #key()}. */
  public static final String KEY = "CA id (UUID string)";

  /** Where answers go when a request names no {@code replyTopic}: the topic name of {@link #REPLIES}. */
  public static final String DEFAULT_REPLY_TOPIC = "eventca.replies";

  private final String topicName;
  private final String writer;
  private final Cleanup cleanup;
  private final String key;
  private final List<Class<? extends Event>> valueTypes;

  Topic(String topicName, String writer, Cleanup cleanup, String key, List<Class<? extends Event>> valueTypes) {
    this.topicName = topicName;
    this.writer = writer;
    this.cleanup = cleanup;
    this.key = key;
    this.valueTypes = valueTypes;
  }

  public String topicName() {
    return topicName;
  }

  public String writer() {
    return writer;
  }

  /** What the records of this topic are keyed by, e.g. "CA id" or "request id". */
  public String key() {
    return key;
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
