package io.eventca.events.ca;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.SubjectName;
import io.eventca.events.ids.CaId;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An operator asked for a new CA: a root, or an intermediate under {@code parentCaId}. Written by ca-service; the
 * issuer-worker answers it. Added in v1 (optional, absent in older records): {@code parentCaId},
 * {@code pathLength} (basicConstraints pathLenConstraint; absent = no limit), {@code sha1OptIn} (the caller
 * explicitly accepted a SHA-1 signature for this one certificate; absent = false).
 */
@EventType(name = "ca-creation-requested", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaCreationRequested(
    CaId caId,
    SubjectName subject,
    KeyAlgorithm keyAlgorithm,
    int keySize,
    String digest,
    int validityDays,
    String requestedBy,
    Instant requestedAt,
    CaId parentCaId,
    Integer pathLength,
    Boolean sha1OptIn)
    implements Event {

  /** A root CA without SHA-1, as before the optional fields existed. */
  public CaCreationRequested(
      CaId caId, SubjectName subject, KeyAlgorithm keyAlgorithm, int keySize, String digest, int validityDays,
      String requestedBy, Instant requestedAt) {
    this(caId, subject, keyAlgorithm, keySize, digest, validityDays, requestedBy, requestedAt, null, null, null);
  }

  public boolean sha1Accepted() {
    return Boolean.TRUE.equals(sha1OptIn);
  }
}
