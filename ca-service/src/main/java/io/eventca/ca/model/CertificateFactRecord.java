package io.eventca.ca.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One fact of a certificate's timeline (V9), with where on the log it is. */
@Entity
@Table(name = "certificate_fact")
public class CertificateFactRecord extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(name = "request_row")
  public String requestRow;

  @Column(name = "certificate_id")
  public String certificateId;

  @Column(name = "event_type")
  public String eventType;

  @Column(name = "event_id")
  public String eventId;

  @Column(name = "written_at")
  public Instant writtenAt;

  public String topic;

  @Column(name = "kafka_partition")
  public Integer partition;

  @Column(name = "kafka_offset")
  public Long offset;

  /** What the fact says, as JSON. */
  public String summary;
}
