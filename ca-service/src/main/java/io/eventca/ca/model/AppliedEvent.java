package io.eventca.ca.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The id of an event the projection has applied; its presence makes a redelivery a no-op. */
@Entity
@Table(name = "applied_event")
public class AppliedEvent extends PanacheEntityBase {
  @Id
  @Column(name = "event_id")
  public String eventId;

  @Column(name = "applied_at")
  public Instant appliedAt;
}
