package io.eventca.events.cert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.RevocationReason;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import java.time.Instant;

/** {@code serialNumber} of {@code caId} is revoked from {@code revokedAt} on; who did it is in {@code revokedBy}. */
@EventType(name = "certificate-revoked", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateRevoked(
    CaId caId,
    SerialNumber serialNumber,
    RevocationReason reason,
    Instant revokedAt,
    Instant invalidityDate,
    String revokedBy)
    implements Event {}
