package io.eventca.events.ca;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.KeyAlgorithm;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The CA key exists (wrapped, in custody) and its certificate is this one: self-signed for a root, signed by
 * {@code parentCaId} for an intermediate. Optional since their introduction in v1: {@code parentCaId},
 * {@code pathLength}, {@code sha1OptIn}.
 */
@EventType(name = "ca-created", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaCreated(
    CaId caId,
    String subjectDn,
    SerialNumber serialNumber,
    Instant notBefore,
    Instant notAfter,
    KeyAlgorithm keyAlgorithm,
    int keySize,
    String digest,
    String certificatePem,
    CaId parentCaId,
    Integer pathLength,
    Boolean sha1OptIn)
    implements Event {

  /** A root CA, as before the optional fields existed. */
  public CaCreated(
      CaId caId, String subjectDn, SerialNumber serialNumber, Instant notBefore, Instant notAfter,
      KeyAlgorithm keyAlgorithm, int keySize, String digest, String certificatePem) {
    this(caId, subjectDn, serialNumber, notBefore, notAfter, keyAlgorithm, keySize, digest, certificatePem, null, null, null);
  }
}
