package io.eventca.ca.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The shared count of wrong passphrases of one scope, a certificate or a caller (see V6 migration). */
@Entity
@Table(name = "key_download_guard")
public class KeyDownloadGuardRecord extends PanacheEntityBase {
  @Id
  public String scope;

  public int failures;

  @Column(name = "next_attempt_at")
  public Instant nextAttemptAt;

  @Column(name = "last_failure_at")
  public Instant lastFailureAt;

  @Column(name = "locked_at")
  public Instant lockedAt;

  @Column(name = "locked_caller")
  public String lockedCaller;

  @Column(name = "lockout_recorded")
  public boolean lockoutRecorded;

  public static String certificateScope(String caId, String serialNumber) {
    return "certificate:" + CertificateRecord.idOf(caId, serialNumber);
  }

  public static String callerScope(String principal) {
    return "caller:" + principal;
  }
}
