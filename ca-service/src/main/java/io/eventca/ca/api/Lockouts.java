package io.eventca.ca.api;

import io.eventca.ca.log.EventLog;
import io.eventca.ca.model.Db;
import io.eventca.ca.model.KeyDownloadGuardRecord;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import io.eventca.events.registry.KeyDownloadLockedOut;
import io.eventca.events.registry.KeyDownloadUnlocked;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Key-download lock-outs as facts: the lock takes effect in the guard row at once, and its KeyDownloadLockedOut
 * event follows (again on the next attempt if Kafka was away), so operators see every lock-out. Lifted only by an
 * admin's KeyDownloadUnlocked, which the projection applies to the guard row (see projection.KeyDownloadLockouts).
 */
@ApplicationScoped
public class Lockouts {
  private static final Logger LOG = Logger.getLogger(Lockouts.class);

  private final EventLog log;

  public Lockouts(EventLog log) {
    this.log = log;
  }

  static ApiError lockedOut(CaId caId, SerialNumber serial) {
    return new ApiError(ApiError.Kind.LOCKED, "the key of certificate " + serial + " is locked after too many wrong passphrases;"
        + " an admin can unlock it (POST /api/v1/cas/" + caId + "/certificates/" + serial + "/private-key/unlock)")
        .with("caId", caId.value()).with("serialNumber", serial.hex());
  }

  /** The threshold was reached by {@code caller}'s wrong passphrase: lock now, then record it. */
  KeyDownloadGuardRecord lock(CaId caId, SerialNumber serial, String caller, int failures) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String scope = KeyDownloadGuardRecord.certificateScope(caId.value(), serial.hex());
    KeyDownloadGuardRecord row = PassphraseGuard.guarded(() -> Db.inTransaction(() -> PassphraseGuard.lockedRow(scope, now).map(r -> {
      if (r.lockedAt == null) {
        r.lockedAt = now;
        r.lockedCaller = caller;
        r.failures = Math.max(r.failures, failures);
      }
      return r;
    })));
    LOG.warnf("the key of certificate %s of CA %s is locked after %d wrong passphrases, the last by %s", serial, caId, row.failures,
        row.lockedCaller);
    ensureRecorded(caId, serial, row);
    return row;
  }

  /** Appends the KeyDownloadLockedOut of a locked row that has none yet; 503 while Kafka is away. */
  void ensureRecorded(CaId caId, SerialNumber serial, KeyDownloadGuardRecord row) {
    if (row.lockoutRecorded || row.lockedAt == null) {
      return;
    }
    Commands.record(log, new KeyDownloadLockedOut(caId, serial, row.lockedCaller, Math.max(1, row.failures), row.lockedAt), () -> {});
    String scope = row.scope;
    Instant at = row.lockedAt;
    PassphraseGuard.guarded(() -> Db.inTransaction(() -> Panache.getSession().chain(session -> session
        .createNativeMutationQuery("UPDATE key_download_guard SET lockout_recorded = TRUE WHERE scope = :scope AND locked_at = :at")
        .setParameter("scope", scope).setParameter("at", at).executeUpdate())));
    row.lockoutRecorded = true;
  }

  /**
   * An admin lifts the lock-out; 409 when the key is not locked. A count over a threshold that was lowered since is a
   * lock-out nobody's attempt recorded: it is recorded now, so that the unlock has one to name.
   */
  KeyDownloadUnlocked unlock(CaId caId, SerialNumber serial, String reason, String admin, GuessSchedule schedule) {
    String scope = KeyDownloadGuardRecord.certificateScope(caId.value(), serial.hex());
    KeyDownloadGuardRecord row = PassphraseGuard.guarded(() -> Db.read(() -> KeyDownloadGuardRecord.<KeyDownloadGuardRecord>findById(scope)));
    if (row == null || row.lockedAt == null && !schedule.locks(row.failures)) {
      throw new ApiError(ApiError.Kind.CONFLICT, "the key of certificate " + serial + " is not locked out");
    }
    if (row.lockedAt == null) {
      row = lock(caId, serial, "(a lowered threshold)", row.failures);
    }
    ensureRecorded(caId, serial, row);
    KeyDownloadUnlocked event = new KeyDownloadUnlocked(caId, serial, row.lockedAt, reason, admin, Instant.now());
    Commands.record(log, event, () -> {});
    return event;
  }
}
