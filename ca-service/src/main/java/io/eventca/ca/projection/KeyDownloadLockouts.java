package io.eventca.ca.projection;

import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.Columns;
import io.eventca.ca.model.KeyDownloadGuardRecord;
import io.eventca.ca.model.KeyDownloadLockoutRecord;
import io.eventca.events.registry.KeyDownloadLockedOut;
import io.eventca.events.registry.KeyDownloadUnlocked;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Optional;

/**
 * Key-download lock-outs from eventca.registry: the rows operators read, and the guard rows the lock lives in. The
 * events, not the guard table, are the record: a replay into an empty database locks again what is still locked, and
 * an unlock lifts only the lock-out it names (a later one stays).
 */
final class KeyDownloadLockouts {
  private KeyDownloadLockouts() {}

  static Uni<Optional<String>> onLockedOut(KeyDownloadLockedOut e) {
    String id = CertificateRecord.idOf(e.caId().value(), e.serialNumber().hex());
    Uni<Integer> guard = Panache.getSession().chain(session -> session.createNativeMutationQuery(
            "INSERT INTO key_download_guard AS g (scope, failures, next_attempt_at, last_failure_at, locked_at, locked_caller,"
                + " lockout_recorded) VALUES (:scope, :failures, :at, :at, :at, :caller, TRUE)"
                + " ON CONFLICT (scope) DO UPDATE SET failures = GREATEST(g.failures, EXCLUDED.failures),"
                + " locked_at = COALESCE(g.locked_at, EXCLUDED.locked_at), locked_caller = COALESCE(g.locked_caller, EXCLUDED.locked_caller),"
                + " lockout_recorded = g.lockout_recorded OR g.locked_at IS NULL OR g.locked_at = EXCLUDED.locked_at")
        .setParameter("scope", KeyDownloadGuardRecord.certificateScope(e.caId().value(), e.serialNumber().hex()))
        .setParameter("failures", e.failures()).setParameter("at", e.lockedAt()).setParameter("caller", e.caller())
        .executeUpdate());
    return guard.chain(() -> KeyDownloadLockoutRecord.<KeyDownloadLockoutRecord>findById(id))
        .chain(found -> {
          if (found != null && found.status == KeyDownloadLockoutRecord.Status.LOCKED) {
            return Uni.createFrom().item(found); // two instances recorded one lock-out: the first stands
          }
          KeyDownloadLockoutRecord row = found == null ? new KeyDownloadLockoutRecord() : found;
          row.certificateId = id;
          row.caId = e.caId().value();
          row.serialNumber = e.serialNumber().hex();
          row.status = KeyDownloadLockoutRecord.Status.LOCKED;
          row.caller = Columns.fit(e.caller(), Columns.PRINCIPAL);
          row.failures = e.failures();
          row.lockedAt = e.lockedAt();
          row.unlockedBy = null;
          row.unlockedAt = null;
          row.unlockReason = null;
          return row.persist();
        })
        .replaceWith(Optional.of(settles(id)));
  }

  static Uni<Optional<String>> onUnlocked(KeyDownloadUnlocked e) {
    String id = CertificateRecord.idOf(e.caId().value(), e.serialNumber().hex());
    Uni<Integer> guard = Panache.getSession().chain(session -> session.createNativeMutationQuery(
            "UPDATE key_download_guard SET failures = 0, next_attempt_at = :now, last_failure_at = NULL, locked_at = NULL,"
                + " locked_caller = NULL, lockout_recorded = FALSE WHERE scope = :scope AND locked_at = :lockedAt")
        .setParameter("scope", KeyDownloadGuardRecord.certificateScope(e.caId().value(), e.serialNumber().hex()))
        .setParameter("now", Instant.now()).setParameter("lockedAt", e.lockedAt())
        .executeUpdate());
    return guard.chain(() -> KeyDownloadLockoutRecord.<KeyDownloadLockoutRecord>findById(id))
        .chain(row -> {
          if (row == null || !row.lockedAt.equals(e.lockedAt())) {
            return Uni.createFrom().nullItem();
          }
          row.status = KeyDownloadLockoutRecord.Status.UNLOCKED;
          row.unlockedBy = Columns.fit(e.unlockedBy(), Columns.PRINCIPAL);
          row.unlockedAt = e.unlockedAt();
          row.unlockReason = Columns.fit(e.reason(), Columns.RETIREMENT_REASON);
          return row.persist();
        })
        .replaceWith(Optional.of(settles(id)));
  }

  /** What a caller waiting on a lock-out change waits on (see Outcomes): prefixed like Registry's. */
  static String settles(String certificateId) {
    return "key-lockout/" + certificateId;
  }
}
