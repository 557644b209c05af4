package io.eventca.ca.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventca.ca.model.CaRecord;
import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.CertificateRequestRecord;
import java.time.Instant;
import java.util.Map;

/** The JSON the API answers with. Built from projection rows; never carries key material. */
final class Views {
  private Views() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Ca(
      String caId,
      String status,
      String commonName,
      String subject,
      String serialNumber,
      Instant notBefore,
      Instant notAfter,
      String keyAlgorithm,
      Integer keySize,
      String digest,
      Integer validityDays,
      String failureCode,
      String failureReason,
      String parentCaId,
      Integer pathLength,
      Boolean sha1OptIn,
      Instant retiredAt,
      String retiredBy,
      String retirementReason,
      Map<String, String> links) {}

  /** A registered requester: its name, public key and policy (status ACTIVE or RETIRED). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Requester(
      String name,
      String status,
      String publicKeyPem,
      java.util.List<String> allowedNames,
      java.util.List<String> allowedProfiles,
      Integer maxValidityDays,
      java.util.List<String> allowedCaIds,
      Map<String, java.util.List<String>> allowedSubject,
      String registeredBy,
      Instant registeredAt,
      String retiredBy,
      Instant retiredAt) {}

  static Requester requester(io.eventca.events.registry.RequesterRegistered e) {
    var p = e.policy();
    return new Requester(e.requester().value(), "ACTIVE", e.publicKeyPem(), p.allowedNames(), p.allowedProfiles(), p.maxValidityDays(),
        p.anyCa() ? null : p.allowedCaIds().stream().map(io.eventca.events.ids.CaId::value).toList(), p.allowedSubject(),
        e.registeredBy(), e.registeredAt(), null, null);
  }

  static Requester requester(io.eventca.ca.model.RequesterRecord r) {
    return new Requester(r.name, r.status.name(), r.publicKeyPem, split(r.allowedNames), split(r.allowedProfiles), r.maxValidityDays,
        r.allowedCaIds == null ? null : split(r.allowedCaIds), r.allowedSubjectPatterns(), r.registeredBy, r.registeredAt,
        r.retiredBy, r.retiredAt);
  }

  static Map<String, Object> retired(io.eventca.events.registry.RequesterRetired e) {
    return Map.of("name", e.requester().value(), "status", "RETIRED", "retiredBy", e.retiredBy(), "retiredAt", e.retiredAt());
  }

  private static java.util.List<String> split(String joined) {
    return joined == null || joined.isEmpty() ? java.util.List.of() : java.util.List.of(joined.split(","));
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Request(
      String requestId,
      String caId,
      String status,
      String profile,
      Integer validityDays,
      String serialNumber,
      String rejectionCode,
      String rejectionDetail,
      String certificate,
      String requestedBy,
      Instant requestedAt,
      String channel,
      Instant decidedAt) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Certificate(
      String caId,
      String serialNumber,
      String requestId,
      String subject,
      String profile,
      String status,
      Instant notBefore,
      Instant notAfter,
      Instant revokedAt,
      String revocationReason,
      String revokedBy,
      String host,
      String digest,
      Boolean sha1OptIn,
      String certificatePem,
      Map<String, String> links,
      java.util.List<String> subjectAltNames,
      // Not named issuedAt in Java: Jackson also reads an accessor issuedAt() as an "is" getter of "suedAt".
      @com.fasterxml.jackson.annotation.JsonProperty("issuedAt") Instant whenIssued,
      String requestedBy,
      String channel,
      String keyAlgorithm,
      Integer keySize) {}

  static Ca ca(CaRecord r, String crlBaseUrl) {
    String self = "/api/v1/cas/" + r.caId;
    Map<String, String> links =
        r.hasCertificate()
            ? Map.of("self", self, "certificate", self + "/certificate", "chain", self + "/chain",
                "trustStore", self + "/certificate.pfx", "crl", crlBaseUrl + "/crls/" + r.caId + ".crl")
            : Map.of("self", self);
    return new Ca(r.caId, r.status.name(), r.commonName, r.subjectDn, r.serialNumber, r.notBefore, r.notAfter, r.keyAlgorithm,
        r.keySize, r.digest, r.validityDays, r.failureCode, r.failureReason, r.parentCaId, r.pathLength, r.sha1OptIn, r.retiredAt,
        r.retiredBy, r.retirementReason, links);
  }

  static Request request(CertificateRequestRecord r) {
    String certificate = r.serialNumber == null ? null : certificatePath(r.caId, r.serialNumber);
    return new Request(r.requestId, r.caId, r.status.name(), r.profile, r.validityDays, r.serialNumber, r.rejectionCode,
        r.rejectionDetail, certificate, r.requestedBy, r.requestedAt, r.channel, r.decidedAt);
  }

  static Certificate certificate(CertificateRecord r, Instant now) {
    String self = certificatePath(r.caId, r.serialNumber);
    Map<String, String> links = Map.of("self", self, "certificate", self + "/certificate", "chain", self + "/chain",
        "privateKey", self + "/private-key");
    return new Certificate(r.caId, r.serialNumber, r.requestId, r.subjectDn, r.profile, r.statusAt(now), r.notBefore, r.notAfter,
        r.revokedAt, r.revocationReason, r.revokedBy, r.host, r.digest, r.sha1OptIn, r.certificatePem, links, null, r.issuedAt,
        r.requestedBy, r.channel, r.keyAlgorithm, r.keySize);
  }

  /**
   * A certificate as a search answers it: without its PEM (follow links.certificate), with its names, and as it stood at
   * {@code at}: with {@code asOf}, a revocation that came later is not shown.
   */
  static Certificate historyItem(CertificateRecord r, java.util.List<String> names, Instant at, boolean historical) {
    Certificate c = certificate(r, at);
    boolean revokedLater = historical && r.revokedAt != null && r.revokedAt.isAfter(at);
    return new Certificate(c.caId(), c.serialNumber(), c.requestId(), c.subject(), c.profile(),
        revokedLater ? (at.isAfter(r.notAfter) ? "EXPIRED" : "VALID") : c.status(), c.notBefore(), c.notAfter(),
        revokedLater ? null : c.revokedAt(), revokedLater ? null : c.revocationReason(), revokedLater ? null : c.revokedBy(),
        c.host(), c.digest(), c.sha1OptIn(), null, c.links(), names, c.whenIssued(), c.requestedBy(), c.channel(), c.keyAlgorithm(),
        c.keySize());
  }

  static String certificatePath(String caId, String serial) {
    return "/api/v1/cas/" + caId + "/certificates/" + serial;
  }
}
