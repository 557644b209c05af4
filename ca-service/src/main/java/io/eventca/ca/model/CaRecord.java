package io.eventca.ca.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Projection row of one CA. */
@Entity
@Table(name = "ca")
public class CaRecord extends PanacheEntityBase {
  public enum Status {
    PENDING,
    ACTIVE,
    FAILED,
    /** Issues nothing more (CaRetired); its certificate and CRLs stay published. */
    RETIRED
  }

  @Id
  @Column(name = "ca_id")
  public String caId;

  @Enumerated(EnumType.STRING)
  public Status status;

  @Column(name = "common_name")
  public String commonName;

  @Column(name = "subject_dn")
  public String subjectDn;

  @Column(name = "key_algorithm")
  public String keyAlgorithm;

  @Column(name = "key_size")
  public Integer keySize;

  public String digest;

  @Column(name = "validity_days")
  public Integer validityDays;

  @Column(name = "serial_number")
  public String serialNumber;

  @Column(name = "not_before")
  public Instant notBefore;

  @Column(name = "not_after")
  public Instant notAfter;

  @Column(name = "certificate_pem")
  public String certificatePem;

  @Column(name = "failure_code")
  public String failureCode;

  @Column(name = "failure_reason")
  public String failureReason;

  @Column(name = "parent_ca_id")
  public String parentCaId;

  @Column(name = "path_length")
  public Integer pathLength;

  @Column(name = "sha1_opt_in")
  public Boolean sha1OptIn;

  @Column(name = "requested_by")
  public String requestedBy;

  @Column(name = "requested_at")
  public Instant requestedAt;

  @Column(name = "retired_by")
  public String retiredBy;

  @Column(name = "retired_at")
  public Instant retiredAt;

  @Column(name = "retirement_reason")
  public String retirementReason;

  /** ACTIVE or RETIRED: it has a certificate that relying parties still need. */
  public boolean hasCertificate() {
    return status == Status.ACTIVE || status == Status.RETIRED;
  }
}
