package io.eventca.ca.projection;

import io.eventca.ca.model.AppliedEvent;
import io.eventca.ca.model.CaRecord;
import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.CertificateRequestRecord;
import io.eventca.ca.model.Columns;
import io.eventca.ca.model.RefusedFactRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;
import io.eventca.ca.model.EarlyRevocationRecord;
import io.eventca.events.Event;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.cert.Channel;
import io.eventca.events.cert.RequestKey;
import io.eventca.events.ids.RequestId;
import io.eventca.events.envelope.Envelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.eventca.events.registry.CaRetired;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.events.registry.RequesterRetired;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies events to the read model. Idempotent twice over: an event id already applied is skipped, and
 * each handler merges into what is there instead of assuming it is first (a request and its outcome
 * travel on different topics, so either may arrive first).
 */
@ApplicationScoped
public class Projector {

  /** What an applied event settles, for callers waiting on it: a CA id or a request id, or nothing. */
  public record Applied(Optional<String> settles) {}

  private static final Logger LOG = Logger.getLogger(Projector.class);
  private final Counter refused;

  private final Outcomes outcomes;

  public Projector(MeterRegistry meters, Outcomes outcomes) {
    this.outcomes = outcomes;
    this.refused = Counter.builder("eventca_projection_refused_facts")
        .description("Facts the projection did not believe (a certificate its CA did not sign, a forged CaCreated)").register(meters);
  }

  private final Map<Class<? extends Event>, Function<Event, Uni<Optional<String>>>> handlers = KeyDownloadLockouts.with(
      Map.of(
          CaCreationRequested.class, e -> onCaCreationRequested((CaCreationRequested) e),
          CaCreated.class, e -> onCaCreated((CaCreated) e),
          CaCreationFailed.class, e -> onCaCreationFailed((CaCreationFailed) e),
          CertificateRequested.class, e -> onCertificateRequested((CertificateRequested) e),
          CertificateIssued.class, e -> onCertificateIssued((CertificateIssued) e),
          CertificateRejected.class, e -> onCertificateRejected((CertificateRejected) e),
          CertificateRevoked.class, e -> onCertificateRevoked((CertificateRevoked) e),
          CaRetired.class, e -> onCaRetired((CaRetired) e),
          RequesterRegistered.class, e -> Registry.onRegistered((RequesterRegistered) e),
          RequesterRetired.class, e -> Registry.onRetired((RequesterRetired) e)));

  /** Run inside a transaction. */
  public Uni<Applied> apply(Envelope envelope) {
    Function<Event, Uni<Optional<String>>> handler = handlers.get(envelope.payload().getClass());
    if (handler == null) {
      return Uni.createFrom().item(new Applied(Optional.empty()));
    }
    return AppliedEvent.<AppliedEvent>findById(envelope.id())
        .flatMap(
            seen -> {
              if (seen != null) {
                return Uni.createFrom().item(new Applied(Optional.empty()));
              }
              AppliedEvent mark = new AppliedEvent();
              mark.eventId = envelope.id();
              mark.appliedAt = Instant.now();
              return handler.apply(envelope.payload()).call(mark::persist).map(Applied::new)
                  .onFailure(FactRefused.class).recoverWithUni(refusal -> refuse(envelope, refusal.getMessage()).call(mark::persist)
                      .replaceWith(new Applied(Optional.empty())));
            });
  }

  /** A fact not believed is not applied: it is kept as refused, with why, logged and counted, and never retried. */
  private Uni<Void> refuse(Envelope envelope, String reason) {
    LOG.warnf("refusing %s %s of CA %s: %s", envelope.type(), envelope.id(), envelope.payload().caId(), reason);
    refused.increment();
    RefusedFactRecord row = new RefusedFactRecord();
    row.eventId = envelope.id();
    row.eventType = Columns.fit(envelope.type(), Columns.EVENT_TYPE);
    row.caId = envelope.payload().caId().value();
    row.reason = Columns.fit(reason, Columns.FAILURE_REASON);
    row.refusedAt = Instant.now();
    return row.persist().replaceWithVoid();
  }

  private Uni<CaRecord> ca(String caId) {
    return CaRecord.<CaRecord>findById(caId)
        .map(
            found -> {
              if (found != null) {
                return found;
              }
              CaRecord created = new CaRecord();
              created.caId = caId;
              created.status = CaRecord.Status.PENDING;
              return created;
            });
  }

  private Uni<Optional<String>> onCaCreationRequested(CaCreationRequested e) {
    return ca(e.caId().value())
        .flatMap(
            row -> {
              row.commonName = Columns.fit(e.subject().commonName(), Columns.COMMON_NAME);
              row.keyAlgorithm = e.keyAlgorithm().name();
              row.keySize = e.keySize();
              row.digest = Columns.fit(e.digest(), Columns.DIGEST);
              row.validityDays = e.validityDays();
              row.requestedBy = Columns.fit(e.requestedBy(), Columns.PRINCIPAL);
              row.requestedAt = e.requestedAt();
              row.parentCaId = e.parentCaId() == null ? null : e.parentCaId().value();
              row.pathLength = e.pathLength();
              row.sha1OptIn = e.sha1OptIn();
              if (row.certificatePem == null || row.status != CaRecord.Status.PENDING) {
                return row.persist().replaceWith(Optional.<String>empty());
              }
              // Its CaCreated came first (another topic): only now can it be told whether it answers this request.
              if (!FactChecks.matchesRequest(row, Certificates.parse(row.certificatePem))) {
                row.status = CaRecord.Status.FAILED;
                row.failureCode = "unverified-fact";
                row.failureReason = "the CaCreated read before this request names another common name";
                return row.persist().replaceWith(Optional.of(row.caId));
              }
              return parentRow(row.parentCaId).flatMap(parent -> {
                row.status = FactChecks.status(row, parent);
                return row.persist().replaceWith(row.status == CaRecord.Status.PENDING ? Optional.<String>empty() : Optional.of(row.caId));
              });
            });
  }

  /**
   * Believed only as far as FactChecks can tell; the CA is ACTIVE once its CaCreationRequested and, for an intermediate,
   * its parent's certificate are known too (either may come later: other topics and keys).
   */
  private Uni<Optional<String>> onCaCreated(CaCreated e) {
    return CaRecord.<CaRecord>findById(e.caId().value()).flatMap(existing -> parentRow(e.parentCaId() == null ? null : e.parentCaId().value())
        .flatMap(parent -> {
          String problem = FactChecks.caCreated(e, Certificates.parse(e.certificatePem()), existing, parent);
          if (problem != null) {
            return Uni.createFrom().failure(new FactRefused(problem));
          }
          Uni<?> issuedByParent = e.parentCaId() == null ? Uni.createFrom().voidItem() : intermediateUnderParent(e);
          return issuedByParent.flatMap(x -> caRow(e, parent)).flatMap(row -> releaseChildren(row).replaceWith(
              row.status == CaRecord.Status.PENDING ? Optional.<String>empty() : Optional.of(row.caId)));
        }));
  }

  private static Uni<CaRecord> parentRow(String parentCaId) {
    return parentCaId == null ? Uni.createFrom().nullItem() : CaRecord.findById(parentCaId);
  }

  /** Intermediates read before this CA's certificate were PENDING: the parent's certificate now says whether they are its. */
  private static Uni<Void> releaseChildren(CaRecord parent) {
    if (parent.certificatePem == null) {
      return Uni.createFrom().voidItem();
    }
    return CaRecord.<CaRecord>list("parentCaId = ?1 and status = ?2", parent.caId, CaRecord.Status.PENDING).flatMap(children -> {
      Uni<Void> all = Uni.createFrom().voidItem();
      for (CaRecord child : children) {
        if (child.certificatePem == null) {
          continue;
        }
        if (FactChecks.signedBy(Certificates.parse(child.certificatePem), Certificates.parse(parent.certificatePem))) {
          child.status = FactChecks.status(child, parent);
        } else {
          child.status = CaRecord.Status.FAILED;
          child.failureCode = "unverified-fact";
          child.failureReason = "its certificate does not verify with the certificate of its parent CA " + parent.caId;
        }
        all = all.chain(() -> child.persist().replaceWithVoid());
      }
      return all;
    });
  }

  /**
   * An intermediate's certificate is also a certificate its parent issued: listed in the parent's history,
   * and revocable through the parent (so it lands on the parent's CRL) like any other.
   */
  private Uni<?> intermediateUnderParent(CaCreated e) {
    String id = CertificateRecord.idOf(e.parentCaId().value(), e.serialNumber().hex());
    return lockCertificate(id).chain(() -> CertificateRecord.<CertificateRecord>findById(id))
        .flatMap(
            found -> {
              if (found != null) {
                return Uni.createFrom().item(found);
              }
              CertificateRecord row = new CertificateRecord();
              row.id = id;
              row.caId = e.parentCaId().value();
              row.serialNumber = e.serialNumber().hex();
              row.requestId = "ca:" + e.caId().value();
              row.subjectDn = Certificates.subjectDn(e.certificatePem(), e.subjectDn());
              row.profile = "ca";
              row.notBefore = e.notBefore();
              row.notAfter = e.notAfter();
              row.certificatePem = e.certificatePem();
              row.digest = Columns.fit(e.digest(), Columns.DIGEST);
              row.sha1OptIn = e.sha1OptIn();
              return withEarlyRevocation(row).flatMap(r -> r.persist());
            });
  }

  private Uni<CaRecord> caRow(CaCreated e, CaRecord parent) {
    return ca(e.caId().value())
        .flatMap(
            row -> {
              row.subjectDn = Certificates.subjectDn(e.certificatePem(), e.subjectDn());
              row.serialNumber = e.serialNumber().hex();
              row.notBefore = e.notBefore();
              row.notAfter = e.notAfter();
              row.certificatePem = e.certificatePem();
              row.keyAlgorithm = e.keyAlgorithm().name();
              row.keySize = e.keySize();
              row.digest = Columns.fit(e.digest(), Columns.DIGEST);
              if (e.parentCaId() != null) {
                row.parentCaId = e.parentCaId().value();
              }
              if (e.pathLength() != null) {
                row.pathLength = e.pathLength();
              }
              if (e.sha1OptIn() != null) {
                row.sha1OptIn = e.sha1OptIn();
              }
              // A retirement read before the creation (another topic) stands; a believed certificate outweighs a failure.
              row.status = CaRecord.Status.PENDING;
              row.status = FactChecks.status(row, parent);
              return row.persist();
            });
  }

  private Uni<Optional<String>> onCaRetired(CaRetired e) {
    return ca(e.caId().value())
        .flatMap(
            row -> {
              row.retiredAt = e.retiredAt();
              row.retiredBy = Columns.fit(e.retiredBy(), Columns.PRINCIPAL);
              row.retirementReason = Columns.fit(e.reason(), Columns.RETIREMENT_REASON);
              if (row.status != CaRecord.Status.FAILED) {
                row.status = row.certificatePem == null ? CaRecord.Status.PENDING : CaRecord.Status.RETIRED;
              }
              return row.persist();
            })
        .replaceWith(Optional.of(e.caId().value()));
  }

  private Uni<Optional<String>> onCaCreationFailed(CaCreationFailed e) {
    return ca(e.caId().value())
        .flatMap(
            row -> {
              if (!row.hasCertificate()) {
                row.status = CaRecord.Status.FAILED;
                row.failureCode = Columns.fit(e.code(), Columns.CODE);
                row.failureReason = Columns.fit(e.reason(), Columns.FAILURE_REASON);
              }
              return row.persist();
            })
        .replaceWith(Optional.of(e.caId().value()));
  }

  private Uni<CertificateRequestRecord> request(String requestId, String caId) {
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

  private Uni<Optional<String>> onCertificateRequested(CertificateRequested e) {
    return request(e.requestId().value(), e.caId().value())
        .flatMap(
            row -> {
              row.profile = Columns.fit(e.profile(), Columns.PROFILE);
              row.validityDays = e.validityDays();
              row.requestedBy = Columns.fit(e.requestedBy(), Columns.PRINCIPAL);
              row.requestedAt = e.requestedAt();
              row.host = Columns.fit(e.host(), Columns.HOST);
              row.digest = Columns.fit(e.digestOrDefault(), Columns.DIGEST);
              row.sha1OptIn = e.sha1OptIn();
              return row.persist();
            })
        .replaceWith(Optional.empty());
  }

  private Uni<Optional<String>> onCertificateIssued(CertificateIssued e) {
    return CaRecord.<CaRecord>findById(e.caId().value()).flatMap(ca -> {
      String problem = FactChecks.certificateIssued(e, ca);
      return problem != null ? Uni.createFrom().failure(new FactRefused(problem)) : applyIssued(e);
    });
  }

  private Uni<Optional<String>> applyIssued(CertificateIssued e) {
    String id = CertificateRecord.idOf(e.caId().value(), e.serialNumber().hex());
    String requestRow = requestRow(e.requestId(), e.requestedBy(), e.channel());
    Uni<?> request =
        request(requestRow, e.caId().value())
            .flatMap(
                row -> {
                  row.status = CertificateRequestRecord.Status.ISSUED;
                  row.serialNumber = e.serialNumber().hex();
                  row.profile = Columns.fit(e.profile(), Columns.PROFILE);
                  return row.persist();
                });
    Uni<?> certificate =
        lockCertificate(id).chain(() -> CertificateRecord.<CertificateRecord>findById(id))
            .flatMap(
                found -> {
                  if (found != null) {
                    return Uni.createFrom().item(found);
                  }
                  CertificateRecord row = new CertificateRecord();
                  row.id = id;
                  row.caId = e.caId().value();
                  row.serialNumber = e.serialNumber().hex();
                  row.requestId = requestRow;
                  row.subjectDn = Certificates.subjectDn(e.certificatePem(), e.subjectDn());
                  row.profile = Columns.fit(e.profile(), Columns.PROFILE);
                  row.notBefore = e.notBefore();
                  row.notAfter = e.notAfter();
                  row.certificatePem = e.certificatePem();
                  row.host = Columns.fit(e.host(), Columns.HOST);
                  row.digest = Columns.fit(e.digest(), Columns.DIGEST);
                  row.sha1OptIn = e.sha1OptIn();
                  return withEarlyRevocation(row).flatMap(r -> r.persist());
                });
    // A REST waiter answers from this row once the transaction commits (Outcomes): what a GET of it would read.
    return request.flatMap(x -> certificate).invoke(row -> outcomes.stage(requestRow, row)).replaceWith(Optional.of(requestRow));
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

  private Uni<Optional<String>> onCertificateRejected(CertificateRejected e) {
    String requestRow = requestRow(e.requestId(), e.requestedBy(), e.channel());
    return request(requestRow, e.caId().value())
        .flatMap(
            row -> {
              if (row.status != CertificateRequestRecord.Status.ISSUED) {
                row.status = CertificateRequestRecord.Status.REJECTED;
                row.rejectionCode = Columns.fit(e.code(), Columns.CODE);
                row.rejectionDetail = Columns.fit(e.detail(), Columns.REJECTION_DETAIL);
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

  private Uni<Optional<String>> onCertificateRevoked(CertificateRevoked e) {
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
