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
    Boolean sha1OptIn)
    implements Event {

  /** A request that takes subject and names from its CSR, as before the optional fields existed. */
  public CertificateRequested(
      CaId caId, RequestId requestId, String csrPem, String profile, int validityDays, String requestedBy,
      Instant requestedAt, String replyTopic) {
    this(caId, requestId, csrPem, profile, validityDays, requestedBy, requestedAt, replyTopic, null, null, null, null, null);
  }

  public boolean sha1Accepted() {
    return Boolean.TRUE.equals(sha1OptIn);
  }

  /** The digest to sign with: sha256 unless the request names one. */
  public String digestOrDefault() {
    return digest == null ? "sha256" : digest;
  }
}
