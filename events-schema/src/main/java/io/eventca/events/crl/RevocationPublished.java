package io.eventca.events.crl;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.RevocationReason;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import java.time.Instant;

/**
 * {@code serialNumber} of {@code caId} is revoked and listed from CRL {@code crlNumber} on (full or delta). The
 * fleet's feed: on a compacted topic keyed by {@code <caId>/<serial>}, so a consumer that reads it from the
 * beginning learns every revoked certificate once, and then each new one within the CRL batch delay.
 */
@EventType(name = "revocation-published", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevocationPublished(
    CaId caId,
    SerialNumber serialNumber,
    RevocationReason reason,
    Instant revokedAt,
    Instant invalidityDate,
    long crlNumber)
    implements Event {

  /** The record key on the feed: one record per revoked certificate. */
  @JsonIgnore
  public String recordKey() {
    return caId.value() + "/" + serialNumber.hex();
  }
}
