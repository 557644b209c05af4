package io.eventca.events.cert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import java.time.Instant;

/**
 * Someone asked {@code caId} to sign {@code csrPem} under {@code profile}. {@code replyTopic} is where a
 * requester on Kafka wants its answer; null for requests that came over HTTP.
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
    String replyTopic)
    implements Event {}
