package io.eventca.ca.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A server-generated key, stored only encrypted under its requester's passphrase (see V2 migration). */
@Entity
@Table(name = "requester_key")
public class RequesterKeyRecord extends PanacheEntityBase {
  @Id
  @Column(name = "request_id")
  public String requestId;

  @Column(name = "ca_id")
  public String caId;

  @Column(name = "key_algorithm")
  public String keyAlgorithm;

  @Column(name = "key_size")
  public Integer keySize;

  @Column(name = "encrypted_pkcs8")
  public String encryptedPkcs8;

  @Column(name = "created_at")
  public Instant createdAt;
}
