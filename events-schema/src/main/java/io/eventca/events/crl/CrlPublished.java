package io.eventca.events.crl;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import java.time.Instant;

/**
 * A CRL of {@code caId}: the full CRL, or with {@code baseCrlNumber} a delta CRL (RFC 5280 5.2.4) listing what
 * was revoked since full CRL {@code baseCrlNumber}. Full and delta CRLs share one number sequence per CA. Lives
 * on a compacted topic keyed by CA id (full) and {@code <caId>.delta} (delta), so the latest of each stays.
 *
 * <p>{@code crlPem} is left out when the CRL is larger than a Kafka record may be; then {@code crlUrl} says
 * where to fetch it and {@code crlSha256} (of the DER) lets the reader check what it fetched.
 */
@EventType(name = "crl-published", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrlPublished(
    CaId caId,
    long crlNumber,
    Instant thisUpdate,
    Instant nextUpdate,
    int revokedCount,
    String crlPem,
    Long baseCrlNumber,
    String crlSha256,
    Long crlSize,
    String crlUrl)
    implements Event {

  /** A full CRL carried whole, as v1 was first written. */
  public CrlPublished(CaId caId, long crlNumber, Instant thisUpdate, Instant nextUpdate, int revokedCount, String crlPem) {
    this(caId, crlNumber, thisUpdate, nextUpdate, revokedCount, crlPem, null, null, null, null);
  }

  @JsonIgnore
  public boolean isDelta() {
    return baseCrlNumber != null;
  }

  /** The record key on eventca.crls: the CA id for full CRLs, {@code <caId>.delta} for delta CRLs. */
  @JsonIgnore
  public String recordKey() {
    return isDelta() ? caId.value() + ".delta" : caId.value();
  }
}
