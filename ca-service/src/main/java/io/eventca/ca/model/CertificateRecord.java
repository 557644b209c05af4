package io.eventca.ca.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Projection row of one issued certificate, with its revocation once revoked. */
@Entity
@Table(name = "certificate")
public class CertificateRecord extends PanacheEntityBase {

  @Id
  public String id;

  @Column(name = "ca_id")
  public String caId;

  @Column(name = "serial_number")
  public String serialNumber;

  @Column(name = "request_id")
  public String requestId;

  @Column(name = "subject_dn")
  public String subjectDn;

  public String profile;

  @Column(name = "not_before")
  public Instant notBefore;

  @Column(name = "not_after")
  public Instant notAfter;

  @Column(name = "certificate_pem")
  public String certificatePem;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  @Column(name = "revocation_reason")
  public String revocationReason;

  @Column(name = "revoked_by")
  public String revokedBy;

  public String host;

  public String digest;

  @Column(name = "sha1_opt_in")
  public Boolean sha1OptIn;

  @Column(name = "issued_seq", insertable = false, updatable = false)
  public Long issuedSeq;

  public static String idOf(String caId, String serialNumber) {
    return caId + ":" + serialNumber;
  }

  /** VALID, REVOKED or EXPIRED, as of {@code now}. */
  public String statusAt(Instant now) {
    if (revokedAt != null) {
      return "REVOKED";
    }
    return now.isAfter(notAfter) ? "EXPIRED" : "VALID";
  }
}
