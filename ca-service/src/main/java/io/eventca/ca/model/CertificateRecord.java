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

  /** When the fact that issued it was written (its envelope's time); notBefore for rows projected before V8. */
  @Column(name = "issued_at")
  public Instant issuedAt;

  @Column(name = "requested_by")
  public String requestedBy;

  /** How it was requested (events-schema Channel's wire name); null for a CA's certificate. */
  public String channel;

  @Column(name = "key_algorithm")
  public String keyAlgorithm;

  @Column(name = "key_size")
  public Integer keySize;

  /** Lower-case subject, names and host: what the search's q looks in. */
  @Column(name = "search_text")
  public String searchText;

  /** Its subjectAltNames in search form, written to certificate_name when the row is created (not a column). */
  @jakarta.persistence.Transient
  public java.util.List<io.eventca.checks.names.CertificateNames.Name> names = java.util.List.of();

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
