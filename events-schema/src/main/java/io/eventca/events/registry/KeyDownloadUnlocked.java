package io.eventca.events.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import java.time.Instant;

/**
 * An admin lifted the lock-out of {@code lockedAt} on the key of certificate {@code serialNumber}: its passphrase may
 * be tried again, with a fresh count. Naming the lock-out it lifts keeps a replay of the log from lifting a later one.
 */
@EventType(name = "key-download-unlocked", version = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyDownloadUnlocked(CaId caId, SerialNumber serialNumber, Instant lockedAt, String reason, String unlockedBy,
    Instant unlockedAt) implements Event {}
