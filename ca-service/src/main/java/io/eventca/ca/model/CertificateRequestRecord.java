package io.eventca.ca.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Projection row of one certificate request and its outcome. */
@Entity
@Table(name = "certificate_request")
public class CertificateRequestRecord extends PanacheEntityBase {
  public enum Status {
    PENDING,
    ISSUED,
    REJECTED
  }

  @Id
  @Column(name = "request_id")
  public String requestId;

  @Column(name = "ca_id")
  public String caId;

  @Enumerated(EnumType.STRING)
  public Status status;

  public String profile;

  @Column(name = "validity_days")
  public Integer validityDays;

  @Column(name = "serial_number")
  public String serialNumber;

  @Column(name = "rejection_code")
  public String rejectionCode;

  @Column(name = "rejection_detail")
  public String rejectionDetail;

  public String host;

  public String digest;

  @Column(name = "sha1_opt_in")
  public Boolean sha1OptIn;

  @Column(name = "requested_by")
  public String requestedBy;

  @Column(name = "requested_at")
  public Instant requestedAt;

  /** How it came (events-schema Channel's wire name). */
  public String channel;

  /** When its outcome (issued or rejected) was recorded: the outcome fact's time. */
  @Column(name = "decided_at")
  public Instant decidedAt;

  @Column(name = "recorded_seq", insertable = false, updatable = false)
  public Long recordedSeq;
}
