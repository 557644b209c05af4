package io.eventca.ca.projection;

import io.eventca.ca.model.CaRecord;
import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.CertificateRequestRecord;
import io.eventca.ca.model.Columns;
import io.eventca.ca.model.EarlyRevocationRecord;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.cert.Channel;
import io.eventca.events.cert.RequestKey;
import io.eventca.events.ids.RequestId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The request and certificate rows of the read model: a request (eventca.requests), its outcome (eventca.issuance) and
 * a revocation (eventca.revocations), in any order across the three topics, each merged into what is there. A REST
 * caller waiting on a request is answered from the row its outcome leaves (Outcomes), once the transaction commits.
 */
final class CertificateProjection {
  private final Outcomes outcomes;

  CertificateProjection(Outcomes outcomes) {
    this.outcomes = outcomes;
  }

  private static Uni<CertificateRequestRecord> request(String requestId, String caId) {
    return CertificateRequestRecord.<CertificateRequestRecord>findById(requestId)
        .map(
            found -> {
              if (found != null) {
                return found;
              }
              CertificateRequestRecord created = new CertificateRequestRecord();
              created.requestId = requestId;
              created.caId = caId;
              created.status = CertificateRequestRecord.Status.PENDING;
              return created;
            });
  }

  Uni<Optional<String>> onCertificateRequested(CertificateRequested e) {
    return request(e.requestId().value(), e.caId().value())
        .flatMap(
            row -> {
              row.profile = Columns.fit(e.profile(), Columns.PROFILE);
              row.validityDays = e.validityDays();
              row.requestedBy = Columns.fit(e.requestedBy(), Columns.PRINCIPAL);
              row.requestedAt = e.requestedAt();
              row.channel = Channel.rest.name(); // eventca.requests holds what ca-service's door wrote
              row.host = Columns.fit(e.host(), Columns.HOST);
              row.digest = Columns.fit(e.digestOrDefault(), Columns.DIGEST);
              row.sha1OptIn = e.sha1OptIn();
              return row.persist();
            })
        .replaceWith(Optional.empty());
  }

  Uni<Optional<String>> onCertificateIssued(CertificateIssued e, Instant writtenAt) {
    return CaRecord.<CaRecord>findById(e.caId().value()).flatMap(ca -> {
      String problem = FactChecks.certificateIssued(e, ca);
      return problem != null ? Uni.createFrom().failure(new FactRefused(problem)) : applyIssued(e, writtenAt);
    });
  }

  private Uni<Optional<String>> applyIssued(CertificateIssued e, Instant writtenAt) {
    String id = CertificateRecord.idOf(e.caId().value(), e.serialNumber().hex());
    String requestRow = requestRow(e.requestId(), e.requestedBy(), e.channel());
    Uni<?> request =
        request(requestRow, e.caId().value())
            .flatMap(
                row -> {
                  row.status = CertificateRequestRecord.Status.ISSUED;
                  row.serialNumber = e.serialNumber().hex();
                  row.decidedAt = writtenAt;
                  if (row.channel == null && e.channel() != null) {
                    row.channel = e.channel().name();
                  }
                  if (row.requestedBy == null) {
                    row.requestedBy = Columns.fit(e.requestedBy(), Columns.PRINCIPAL);
                  }
                  if (row.requestedAt == null) {
                    // A fleet request is known here by its outcome only: its time is the best there is.
                    row.requestedAt = writtenAt;
                  }
                  row.profile = Columns.fit(e.profile(), Columns.PROFILE);
                  return row.persist();
                });
    Uni<CertificateRecord> certificate = certificateRow(id, () -> {
      CertificateRecord row = newRow(id, e.caId().value(), e.serialNumber().hex(), e.certificatePem(), e.subjectDn(), e.notBefore(),
          e.notAfter(), e.digest(), e.sha1OptIn());
      row.requestId = requestRow;
      row.profile = Columns.fit(e.profile(), Columns.PROFILE);
      row.host = Columns.fit(e.host(), Columns.HOST);
      row.issuedAt = writtenAt;
      row.requestedBy = Columns.fit(e.requestedBy(), Columns.PRINCIPAL);
      row.channel = e.channel() == null ? null : e.channel().name();
      return row;
    });
    // A REST waiter answers from this row once the transaction commits (Outcomes): what a GET of it would read.
    return request.flatMap(x -> certificate).invoke(row -> outcomes.stage(requestRow, row)).replaceWith(Optional.of(requestRow));
  }

  /**
   * The row of certificate {@code id}: the one there, or {@code created} with an early revocation applied, persisted. A
   * CA's certificate is also a row of its parent's history (CaProjection), so both facts build it here.
   */
  static Uni<CertificateRecord> certificateRow(String id, Supplier<CertificateRecord> created) {
    return lockCertificate(id).chain(() -> CertificateRecord.<CertificateRecord>findById(id))
        .flatMap(found -> found != null ? Uni.createFrom().item(found) : withEarlyRevocation(SearchColumns.filled(created.get()))
            .flatMap(r -> r.<CertificateRecord>persist()).call(SearchColumns::writeNames));
  }

  /** What every certificate row holds, read from the certificate where it can be (its subject as relying parties see it). */
  static CertificateRecord newRow(String id, String caId, String serialHex, String certificatePem, String claimedSubject,
      java.time.Instant notBefore, java.time.Instant notAfter, String digest, Boolean sha1OptIn) {
    CertificateRecord row = new CertificateRecord();
    row.id = id;
    row.caId = caId;
    row.serialNumber = serialHex;
    // Parsed once for both: the subject as relying parties see it, and what the search reads.
    org.bouncycastle.cert.X509CertificateHolder certificate = Certificates.parse(certificatePem);
    row.subjectDn = Certificates.subjectDn(certificate, claimedSubject);
    SearchColumns.readCertificate(row, certificate);
    row.notBefore = notBefore;
    row.notAfter = notAfter;
    row.certificatePem = certificatePem;
    row.digest = Columns.fit(digest, Columns.DIGEST);
    row.sha1OptIn = sha1OptIn;
    return row;
  }

  /**
   * Serialises the transactions that touch one certificate's rows: instances of ca-service share the projection's
   * group, so a certificate's issuance and its revocation (two topics) may be applied at once by two of them, and
   * without the lock each could miss the other's row (a revocation kept aside forever, a revoked certificate VALID).
   */
  private static Uni<Long> lockCertificate(String id) {
    return Panache.getSession().chain(session -> session
        .createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(:id))) AS locked", Long.class)
        .setParameter("id", id)
        .getSingleResult());
  }

  /** A revocation that was read first (see onCertificateRevoked) lands on the new row, and is then done with. */
  private static Uni<CertificateRecord> withEarlyRevocation(CertificateRecord row) {
    return EarlyRevocationRecord.<EarlyRevocationRecord>findById(row.id).flatMap(early -> {
      if (early == null) {
        return Uni.createFrom().item(row);
      }
      row.revokedAt = early.revokedAt;
      row.revocationReason = early.revocationReason;
      row.revokedBy = early.revokedBy;
      return early.delete().replaceWith(row);
    });
  }

  Uni<Optional<String>> onCertificateRejected(CertificateRejected e, Instant writtenAt) {
    String requestRow = requestRow(e.requestId(), e.requestedBy(), e.channel());
    return request(requestRow, e.caId().value())
        .flatMap(
            row -> {
              // A fleet request is known here only by its outcome (ca-service does not read eventca.fleet-requests).
              if (row.requestedBy == null) {
                row.requestedBy = Columns.fit(e.requestedBy(), Columns.PRINCIPAL);
              }
              if (row.requestedAt == null) {
                row.requestedAt = writtenAt;
              }
              if (row.channel == null && e.channel() != null) {
                row.channel = e.channel().name();
              }
              if (row.status != CertificateRequestRecord.Status.ISSUED) {
                row.status = CertificateRequestRecord.Status.REJECTED;
                row.rejectionCode = Columns.fit(e.code(), Columns.CODE);
                row.rejectionDetail = Columns.fit(e.detail(), Columns.REJECTION_DETAIL);
                row.decidedAt = writtenAt;
                outcomes.stage(requestRow, row);
              }
              return row.persist();
            })
        .replaceWith(Optional.of(requestRow));
  }

  /**
   * The request row a fact belongs to. Request ids are each requester's own (RequestKey): ca-service picks random ones for
   * REST requests, which keep their id as the row's; fleet requests are kept as {@code <requestedBy>/<requestId>}, so two
   * fleet services using the same id never share a row (nor take a REST request's).
   */
  static String requestRow(RequestId requestId, String requestedBy, Channel channel) {
    return channel == Channel.fleet && requestedBy != null ? new RequestKey(requestedBy, requestId).replyKey() : requestId.value();
  }

  Uni<Optional<String>> onCertificateRevoked(CertificateRevoked e) {
    String id = CertificateRecord.idOf(e.caId().value(), e.serialNumber().hex());
    return lockCertificate(id).chain(() -> CertificateRecord.<CertificateRecord>findById(id))
        .flatMap(
            row -> {
              if (row == null) {
                // Its certificate comes on another topic and is not here yet (a replay): keep it until it is.
                return EarlyRevocationRecord.<EarlyRevocationRecord>findById(id).flatMap(found -> {
                  if (found != null) {
                    return Uni.createFrom().voidItem();
                  }
                  EarlyRevocationRecord early = new EarlyRevocationRecord();
                  early.id = id;
                  early.revokedAt = e.revokedAt();
                  early.revocationReason = e.reason().name();
                  early.revokedBy = Columns.fit(e.revokedBy(), Columns.PRINCIPAL);
                  return early.persist().replaceWithVoid();
                });
              }
              if (row.revokedAt != null) {
                return Uni.createFrom().voidItem();
              }
              row.revokedAt = e.revokedAt();
              row.revocationReason = e.reason().name();
              row.revokedBy = Columns.fit(e.revokedBy(), Columns.PRINCIPAL);
              return row.persist().replaceWithVoid();
            })
        .replaceWith(Optional.empty());
  }
}
