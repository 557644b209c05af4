package io.eventca.events.cert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.SubjectName;
import java.time.Instant;
import java.util.List;

/**
 * Someone asked {@code caId} to sign {@code csrPem} under {@code profile}. {@code replyTopic} is where a
 * requester on Kafka wants its answer; null for requests that came over HTTP.
 *
 * <p>Optional since their introduction in v1 (the create_cert.sh parameters): {@code host} (a DNS name put in
 * subjectAltName), {@code subject} (the subject to certify instead of the CSR's), {@code subjectAltNames}
 * (extra DNS names and IP addresses), {@code digest} (default sha256), {@code sha1OptIn} (absent = false).
 *
 * <p>Added later in v1: {@code signature}, the base64 signature of {@link
 * io.eventca.events.fleet.RequestSignature#message} by the registered key of requester {@code requestedBy}
 * (required on {@code eventca.fleet-requests}, ignored elsewhere); {@code asRequester} (absent = false), set by
 * ca-service when a REST caller with the requester role asked, so the issuer holds the request to the policy of
 * requester {@code requestedBy}. Requests on {@code eventca.fleet-requests} are always held to it.
 */
@EventType(name = "certificate-requested", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateRequested(
    CaId caId,
    RequestId requestId,
    String csrPem,
    String profile,
    int validityDays,
    String requestedBy,
    Instant requestedAt,
    String replyTopic,
    String host,
    SubjectName subject,
    List<String> subjectAltNames,
    String digest,
    Boolean sha1OptIn,
    String signature,
    Boolean asRequester)
    implements Event {

  /** A request as v1 first defined it: not signed, and not held to a requester's policy. */
  public CertificateRequested(
      CaId caId, RequestId requestId, String csrPem, String profile, int validityDays, String requestedBy,
      Instant requestedAt, String replyTopic, String host, SubjectName subject, List<String> subjectAltNames,
      String digest, Boolean sha1OptIn) {
    this(caId, requestId, csrPem, profile, validityDays, requestedBy, requestedAt, replyTopic, host, subject,
        subjectAltNames, digest, sha1OptIn, null, null);
  }

  /** A request that takes subject and names from its CSR, as before the optional fields existed. */
  public CertificateRequested(
      CaId caId, RequestId requestId, String csrPem, String profile, int validityDays, String requestedBy,
      Instant requestedAt, String replyTopic) {
    this(caId, requestId, csrPem, profile, validityDays, requestedBy, requestedAt, replyTopic, null, null, null, null, null);
  }

  /**
   * Keyed by requester, not by CA: one CA's requests spread over the partitions, so every worker of the group shares
   * a busy CA, while all requests of one requester (its retries, its rate limit) stay on one partition and in order
   * (docs/ISSUANCE-CYCLE.md, "Partitions"). A request without requester (an unreadable one) keeps its CA id.
   */
  @Override
  public String key() {
    return requestedBy == null ? caId.value() : "requester/" + requestedBy;
  }

  /** This request with {@code signature} (what a fleet requester sends). */
  public CertificateRequested signed(String signature) {
    return new CertificateRequested(caId, requestId, csrPem, profile, validityDays, requestedBy, requestedAt, replyTopic,
        host, subject, subjectAltNames, digest, sha1OptIn, signature, asRequester);
  }

  /** This request, to be held to the policy of requester {@code requestedBy}. */
  public CertificateRequested heldToRequesterPolicy() {
    return new CertificateRequested(caId, requestId, csrPem, profile, validityDays, requestedBy, requestedAt, replyTopic,
        host, subject, subjectAltNames, digest, sha1OptIn, signature, true);
  }

  public boolean requesterPolicyApplies() {
    return Boolean.TRUE.equals(asRequester);
  }

  public boolean sha1Accepted() {
    return Boolean.TRUE.equals(sha1OptIn);
  }

  /** The digest to sign with: sha256 unless the request names one. */
  public String digestOrDefault() {
    return digest == null ? "sha256" : digest;
  }
}
