package io.eventca.events.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;

/**
 * A record on {@code sourceTopic} that could not be handled (unreadable, too large, unknown CA, bad CSR, ...),
 * kept on {@code eventca.dead-letters} for people to look at. {@code code} is an ErrorCode value.
 * {@code caId} is {@link CaId#UNKNOWN} and {@code requestId} absent when they could not be read.
 * {@code originalSha256} is the lowercase hex SHA-256 of the raw record value (of zero bytes when it is empty or
 * absent); {@code originalBase64} is base64 of at most the first {@link #MAX_ORIGINAL_BYTES} bytes of it, absent
 * when the record had no value; {@code originalSize} is the full size in bytes.
 */
@EventType(name = "request-dead-lettered", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestDeadLettered(
    CaId caId,
    RequestId requestId,
    String code,
    String detail,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    int originalSize,
    String originalSha256,
    String originalBase64)
    implements Event {

  /** At most this many bytes of the original value are kept in {@code originalBase64}. */
  public static final int MAX_ORIGINAL_BYTES = 65536;
}
