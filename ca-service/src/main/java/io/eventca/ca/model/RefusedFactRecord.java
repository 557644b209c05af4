package io.eventca.ca.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A fact the projection did not believe, and why (V7): for the operator who asks what was refused. */
@Entity
@Table(name = "refused_fact")
public class RefusedFactRecord extends PanacheEntityBase {
  @Id
  @Column(name = "event_id")
  public String eventId;

  @Column(name = "event_type")
  public String eventType;

  @Column(name = "ca_id")
  public String caId;

  public String reason;

  @Column(name = "refused_at")
  public Instant refusedAt;
}
