package io.eventca.ca.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A revocation read before the certificate it revokes (see V4 migration); the certificate's id is the key. */
@Entity
@Table(name = "early_revocation")
public class EarlyRevocationRecord extends PanacheEntityBase {
  @Id
  public String id;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  @Column(name = "revocation_reason")
  public String revocationReason;

  @Column(name = "revoked_by")
  public String revokedBy;
}
