package io.eventca.ca.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.eventca.events.envelope.Json;
import java.util.List;
import java.util.Map;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Projection row of one registered requester (see V3 migration): its public key and policy, never a private key. */
@Entity
@Table(name = "requester")
public class RequesterRecord extends PanacheEntityBase {
  public enum Status {
    ACTIVE,
    RETIRED
  }

  @Id
  public String name;

  @Enumerated(EnumType.STRING)
  public Status status;

  @Column(name = "public_key_pem")
  public String publicKeyPem;

  @Column(name = "allowed_names")
  public String allowedNames;

  @Column(name = "allowed_profiles")
  public String allowedProfiles;

  @Column(name = "max_validity_days")
  public Integer maxValidityDays;

  @Column(name = "allowed_ca_ids")
  public String allowedCaIds;

  /** RequesterPolicy.allowedSubject as JSON ({@code {"organization": ["Example*"]}}), null when it names none (V5). */
  @Column(name = "allowed_subject")
  public String allowedSubject;

  @Column(name = "registered_by")
  public String registeredBy;

  @Column(name = "registered_at")
  public Instant registeredAt;

  @Column(name = "retired_by")
  public String retiredBy;

  @Column(name = "retired_at")
  public Instant retiredAt;

  private static final TypeReference<Map<String, List<String>>> PATTERNS = new TypeReference<>() {};

  /** How this table keeps RequesterPolicy.allowedSubject: JSON, or null when it names nothing. */
  public static String json(Map<String, List<String>> patterns) {
    try {
      return patterns == null ? null : Json.MAPPER.writeValueAsString(patterns);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public Map<String, List<String>> allowedSubjectPatterns() {
    try {
      return allowedSubject == null ? null : Json.MAPPER.readValue(allowedSubject, PATTERNS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the requester table holds unreadable allowedSubject JSON", e);
    }
  }
}
