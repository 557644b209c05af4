package io.eventca.ca.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventca.ca.model.CertificateFactRecord;
import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.Columns;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.envelope.Envelope;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records, as the projection applies them, the facts a certificate's timeline lists (requested, issued, rejected,
 * revoked), each with its log position and what it says. Only facts that were applied: a redelivered or refused one
 * adds nothing.
 */
final class Timeline {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Timeline() {}

  static Uni<Void> record(Envelope envelope, LogPosition position, java.time.Instant writtenAt) {
    if (position == null) {
      return Uni.createFrom().voidItem();
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    String requestRow = null;
    String certificateId = null;
    Object payload = envelope.payload();
    if (payload instanceof CertificateRequested e) {
      requestRow = e.requestId().value();
      summary.put("requestedBy", e.requestedBy());
      summary.put("channel", "rest");
      summary.put("profile", e.profile());
      summary.put("validityDays", e.validityDays());
    } else if (payload instanceof CertificateIssued e) {
      requestRow = CertificateProjection.requestRow(e.requestId(), e.requestedBy(), e.channel());
      certificateId = CertificateRecord.idOf(e.caId().value(), e.serialNumber().hex());
      summary.put("requestedBy", e.requestedBy());
      summary.put("channel", e.channel() == null ? null : e.channel().name());
      summary.put("requestFingerprint", e.requestSha256());
      summary.put("notAfter", e.notAfter().toString());
    } else if (payload instanceof CertificateRejected e) {
      requestRow = CertificateProjection.requestRow(e.requestId(), e.requestedBy(), e.channel());
      summary.put("requestedBy", e.requestedBy());
      summary.put("channel", e.channel() == null ? null : e.channel().name());
      summary.put("code", e.code());
      summary.put("detail", e.detail());
      summary.put("requestFingerprint", e.requestSha256());
    } else if (payload instanceof CertificateRevoked e) {
      certificateId = CertificateRecord.idOf(e.caId().value(), e.serialNumber().hex());
      summary.put("revokedBy", e.revokedBy());
      summary.put("reason", e.reason().name());
      summary.put("revokedAt", e.revokedAt().toString());
    } else {
      return Uni.createFrom().voidItem();
    }
    summary.values().removeIf(java.util.Objects::isNull);
    String text;
    try {
      text = JSON.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a timeline summary", e);
    }
    CertificateFactRecord fact = new CertificateFactRecord();
    fact.requestRow = requestRow;
    fact.certificateId = certificateId;
    fact.eventType = Columns.fit(envelope.type(), Columns.EVENT_TYPE);
    fact.eventId = envelope.id();
    fact.writtenAt = writtenAt;
    fact.topic = position.topic();
    fact.partition = position.partition();
    fact.offset = position.offset();
    fact.summary = text;
    return fact.persist().replaceWithVoid();
  }
}
