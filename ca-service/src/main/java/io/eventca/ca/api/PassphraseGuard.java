package io.eventca.ca.api;

import io.eventca.ca.config.KeyDownloadConfig;
import io.eventca.ca.model.Db;
import io.eventca.ca.model.KeyDownloadGuardRecord;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.SerialNumber;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Throttles passphrase guesses on server-generated keys, per certificate and per caller, with counts in PostgreSQL
 * shared by every ca-service instance. An attempt is counted as a failure before the passphrase is tried (and
 * given back if it was right): so parallel requests, to one instance or to several, cannot all slip through
 * before the first failure is written down. The rows are locked certificate first, caller second, always.
 */
@ApplicationScoped
public class PassphraseGuard {
  private static final Logger LOG = Logger.getLogger(PassphraseGuard.class);

  private final GuessSchedule schedule;
  private final Duration callerReset;
  private final Lockouts lockouts;

  GuessSchedule schedule() {
    return schedule;
  }

  public PassphraseGuard(KeyDownloadConfig config, Lockouts lockouts) {
    this.schedule = GuessSchedule.of(config);
    this.callerReset = Duration.ofSeconds(config.callerResetSeconds());
    this.lockouts = lockouts;
  }

  /** One passphrase attempt that has been counted; {@code callerPushedTo} is the wait it added to the caller, if any. */
  record Attempt(CaId caId, SerialNumber serial, String caller, int certificateFailures, Instant callerBefore, Instant callerPushedTo) {
    String certificateScope() {
      return KeyDownloadGuardRecord.certificateScope(caId.value(), serial.hex());
    }

    String callerScope() {
      return KeyDownloadGuardRecord.callerScope(caller);
    }
  }

  private sealed interface Verdict permits Go, Wait, Locked {}

  private record Go(Attempt attempt) implements Verdict {}

  private record Wait(long seconds) implements Verdict {}

  private record Locked(KeyDownloadGuardRecord row) implements Verdict {}

  /** Counts the attempt, or refuses it: 429 while a delay runs, 423 once the certificate is locked out. */
  Attempt reserve(CaId caId, SerialNumber serial, String caller) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String certificateScope = KeyDownloadGuardRecord.certificateScope(caId.value(), serial.hex());
    Verdict verdict = guarded(() -> Db.inTransaction(() -> lockedRow(certificateScope, now)
        .chain(certificate -> lockedRow(KeyDownloadGuardRecord.callerScope(caller), now)
            .map(callerRow -> decide(caId, serial, caller, certificate, callerRow, now)))));
    if (verdict instanceof Wait wait) {
      throw new ApiError(ApiError.Kind.TOO_MANY_REQUESTS, "too many wrong passphrases for this key: wait " + wait.seconds()
          + " s before the next attempt; after " + schedule.attemptsLeft(0) + " in all it is locked until an admin unlocks it")
          .with("retryAfterSeconds", wait.seconds());
    }
    if (verdict instanceof Locked locked) {
      // Without lockedAt the attempt that reached the threshold is still running; it records the lock-out itself.
      lockouts.ensureRecorded(caId, serial, locked.row());
      throw Lockouts.lockedOut(caId, serial);
    }
    return ((Go) verdict).attempt();
  }

  /** The passphrase was right: the certificate starts afresh, and the caller gets back the attempt it was charged. */
  void succeeded(Attempt attempt) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    try {
      Db.inTransaction(() -> lockedRow(attempt.certificateScope(), now)
          .chain(certificate -> lockedRow(attempt.callerScope(), now).map(caller -> {
            certificate.failures = 0;
            certificate.nextAttemptAt = now;
            certificate.lastFailureAt = null;
            caller.failures = Math.max(0, caller.failures - 1);
            if (attempt.callerPushedTo() != null && attempt.callerPushedTo().equals(caller.nextAttemptAt)) {
              caller.nextAttemptAt = attempt.callerBefore();
            }
            return caller;
          })));
    } catch (RuntimeException e) {
      // The right passphrase still gets its key; the caller only keeps one counted attempt too many.
      LOG.errorf("cannot reset the passphrase count of %s: %s", attempt.certificateScope(), e.getMessage());
    }
  }

  /** The passphrase was wrong: the answer to give, a 400 or, at the threshold, the lock-out (a 423). */
  ApiError failed(Attempt attempt) {
    if (!schedule.locks(attempt.certificateFailures())) {
      return ApiError.invalidField("passphrase", "does not open this key")
          .with("attemptsLeft", schedule.attemptsLeft(attempt.certificateFailures()));
    }
    lockouts.lock(attempt.caId(), attempt.serial(), attempt.caller(), attempt.certificateFailures());
    return Lockouts.lockedOut(attempt.caId(), attempt.serial());
  }

  private Verdict decide(CaId caId, SerialNumber serial, String caller, KeyDownloadGuardRecord certificate,
      KeyDownloadGuardRecord callerRow, Instant now) {
    if (certificate.lockedAt != null || schedule.locks(certificate.failures)) {
      return new Locked(certificate);
    }
    if (callerRow.lastFailureAt != null && !now.isBefore(callerRow.lastFailureAt.plus(callerReset))) {
      callerRow.failures = 0;
    }
    Instant allowedAt = later(certificate.nextAttemptAt, callerRow.nextAttemptAt);
    if (now.isBefore(allowedAt)) {
      // Whole seconds, rounded up: Retry-After has no fractions, and an early retry would only be refused again.
      return new Wait(Math.max(1, (Duration.between(now, allowedAt).toMillis() + 999) / 1000));
    }
    certificate.failures++;
    certificate.lastFailureAt = now;
    certificate.nextAttemptAt = now.plus(schedule.delayAfter(certificate.failures));
    Instant callerBefore = callerRow.nextAttemptAt;
    callerRow.failures++;
    callerRow.lastFailureAt = now;
    callerRow.nextAttemptAt = now.plus(schedule.delayAfter(callerRow.failures));
    return new Go(new Attempt(caId, serial, caller, certificate.failures, callerBefore, callerRow.nextAttemptAt));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** The scope's row, created if new, locked FOR UPDATE until the transaction ends. */
  static Uni<KeyDownloadGuardRecord> lockedRow(String scope, Instant now) {
    return Panache.getSession()
        .chain(session -> session.createNativeMutationQuery("INSERT INTO key_download_guard (scope, failures, next_attempt_at)"
                + " VALUES (:scope, 0, :now) ON CONFLICT (scope) DO NOTHING")
            .setParameter("scope", scope).setParameter("now", now).executeUpdate())
        .chain(() -> KeyDownloadGuardRecord.<KeyDownloadGuardRecord>findById(scope, LockModeType.PESSIMISTIC_WRITE));
  }

  /** PostgreSQL away: a 503 to try again, never a 500, and never a passphrase tried uncounted. */
  static <T> T guarded(Supplier<T> work) {
    try {
      return work.get();
    } catch (ApiError e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.errorf("the passphrase guard cannot reach PostgreSQL: %s", e.getMessage());
      throw new ApiError(ApiError.Kind.UNAVAILABLE, "the database is unavailable; no passphrase was tried, try again")
          .with("retryAfterSeconds", 5);
    }
  }
}
