package io.eventca.ca.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Projection row of a certificate's key-download lock-out, for admins and operators (see V6 migration). */
@Entity
@Table(name = "key_download_lockout")
public class KeyDownloadLockoutRecord extends PanacheEntityBase {
  public enum Status {
    LOCKED,
    UNLOCKED
  }

  @Id
  @Column(name = "certificate_id")
  public String certificateId;

  @Column(name = "ca_id")
  public String caId;

  @Column(name = "serial_number")
  public String serialNumber;

  @Enumerated(EnumType.STRING)
  public Status status;

  public String caller;

  public int failures;

  @Column(name = "locked_at")
  public Instant lockedAt;

  @Column(name = "unlocked_by")
  public String unlockedBy;

  @Column(name = "unlocked_at")
  public Instant unlockedAt;

  @Column(name = "unlock_reason")
  public String unlockReason;
}
