package io.eventca.ca.projection;

import io.eventca.ca.model.AppliedEvent;
import io.eventca.ca.model.Columns;
import io.eventca.ca.model.RefusedFactRecord;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.envelope.Envelope;
import io.eventca.events.registry.CaRetired;
import io.eventca.events.registry.KeyDownloadLockedOut;
import io.eventca.events.registry.KeyDownloadUnlocked;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.events.registry.RequesterRetired;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies events to the read model, one aggregate per class (CaProjection, CertificateProjection, Registry,
 * KeyDownloadLockouts). Idempotent twice over: an event id already applied is skipped, and each handler merges into
 * what is there instead of assuming it is first (a request and its outcome travel on different topics, so either may
 * arrive first). A fact not believed (FactChecks) is kept as refused, never applied and never retried.
 */
@ApplicationScoped
public class Projector {

  /** What an applied event settles, for callers waiting on it: a CA id or a request id, or nothing. */
  public record Applied(Optional<String> settles) {}

  private static final Logger LOG = Logger.getLogger(Projector.class);
  private final Counter refused;

  private final Handlers handlers;

  public Projector(MeterRegistry meters, Outcomes outcomes) {
    CertificateProjection certificates = new CertificateProjection(outcomes);
    this.handlers = new Handlers()
        .on(CaCreationRequested.class, CaProjection::onCaCreationRequested)
        .onTimed(CaCreated.class, CaProjection::onCaCreated)
        .on(CaCreationFailed.class, CaProjection::onCaCreationFailed)
        .on(CaRetired.class, CaProjection::onCaRetired)
        .on(CertificateRequested.class, certificates::onCertificateRequested)
        .onTimed(CertificateIssued.class, certificates::onCertificateIssued)
        .onTimed(CertificateRejected.class, certificates::onCertificateRejected)
        .on(CertificateRevoked.class, certificates::onCertificateRevoked)
        .on(RequesterRegistered.class, Registry::onRegistered)
        .on(RequesterRetired.class, Registry::onRetired)
        .on(KeyDownloadLockedOut.class, KeyDownloadLockouts::onLockedOut)
        .on(KeyDownloadUnlocked.class, KeyDownloadLockouts::onUnlocked);
    this.refused = Counter.builder("eventca_projection_refused_facts")
        .description("Facts the projection did not believe (a certificate its CA did not sign, a forged CaCreated)").register(meters);
  }

  /** Run inside a transaction; for a fact read without a log position (a test's). */
  public Uni<Applied> apply(Envelope envelope) {
    return apply(envelope, null);
  }

  /**
   * One event of a batch that shares a transaction: applied, written out and let go of, so that the session does not
   * grow with the batch. Hibernate checks every entity it manages at each flush, and each query flushes: kept, a poll
   * of 500 events cost more in those checks than in the events (JFR of a rebuild: 43% of the CPU in Cascade).
   */
  public Uni<Applied> applyInBatch(Envelope envelope, LogPosition position) {
    return apply(envelope, position).call(applied -> Panache.getSession().chain(session -> session.flush().invoke(session::clear)));
  }

  /** Run inside a transaction; {@code position} is where on the log the fact was read, for the timeline. */
  public Uni<Applied> apply(Envelope envelope, LogPosition position) {
    if (!handlers.handles(envelope.payload())) {
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
              return handlers.apply(envelope.payload(), writtenAt(envelope, position)).call(mark::persist)
                  .call(() -> Timeline.record(envelope, position, writtenAt(envelope, position))).map(Applied::new)
                  .onFailure(FactRefused.class).recoverWithUni(refusal -> refuse(envelope, refusal.getMessage()).call(mark::persist)
                      .replaceWith(new Applied(Optional.empty())));
            });
  }

  /**
   * When the fact was written: its envelope's time, or (an envelope without one) the record's timestamp, so every
   * certificate has an issuance time that a replay gives again.
   */
  private static Instant writtenAt(Envelope envelope, LogPosition position) {
    if (envelope.time() != null) {
      return envelope.time();
    }
    return position != null ? position.timestamp() : Instant.EPOCH;
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
}
