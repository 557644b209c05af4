package io.eventca.events.registry;

import io.eventca.events.Event;
import io.eventca.events.EventType;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import java.time.Instant;

/**
 * Too many wrong passphrases were tried for the server-generated key of certificate {@code serialNumber}: eventca
 * hands the key out to nobody until an admin unlocks it ({@link KeyDownloadUnlocked}). {@code caller} is who tried
 * the guess that reached the threshold. Never carries a guess: a wrong passphrase is often a near miss of the right one.
 */
@EventType(name = "key-download-locked-out", version = 1)
public record KeyDownloadLockedOut(CaId caId, SerialNumber serialNumber, String caller, int failures, Instant lockedAt) implements Event {}
