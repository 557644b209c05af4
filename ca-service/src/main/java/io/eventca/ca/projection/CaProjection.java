package io.eventca.ca.projection;

import io.eventca.ca.model.CaRecord;
import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.Columns;
import io.eventca.events.ca.CaCreated;
import io.eventca.events.ca.CaCreationFailed;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.registry.CaRetired;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * The CA rows of the read model: a CA's request (eventca.requests), its creation or failure (eventca.issuance) and its
 * retirement (eventca.registry), three topics in any order, each merged into what is there. A CA is ACTIVE once its
 * request, a believed certificate (FactChecks) and, for an intermediate, its parent's certificate are all known.
 */
final class CaProjection {
  private CaProjection() {}

  private static Uni<CaRecord> ca(String caId) {
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

  static Uni<Optional<String>> onCaCreationRequested(CaCreationRequested e) {
    return ca(e.caId().value())
        .flatMap(
            row -> {
              row.commonName = Columns.fit(e.subject().commonName(), Columns.COMMON_NAME);
              if (row.certificatePem == null) {
                // What was asked for, until the certificate says what the key is (its CaCreated may have come first).
                row.keyAlgorithm = e.keyAlgorithm().name();
                row.keySize = e.keySize();
                row.digest = Columns.fit(e.digest(), Columns.DIGEST);
              }
              row.validityDays = e.validityDays();
              row.requestedAt = e.requestedAt();
              row.parentCaId = e.parentCaId() == null ? null : e.parentCaId().value();
              row.pathLength = e.pathLength();
              row.sha1OptIn = e.sha1OptIn();
              if (row.certificatePem == null || row.status != CaRecord.Status.PENDING) {
                return row.persist().replaceWith(Optional.<String>empty());
              }
              // Its CaCreated came first (another topic): only now can it be told whether it answers this request.
              if (!FactChecks.matchesRequest(row, Certificates.parse(row.certificatePem))) {
                notWhatWasRequested(row);
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
  static Uni<Optional<String>> onCaCreated(CaCreated e, java.time.Instant writtenAt) {
    return CaRecord.<CaRecord>findById(e.caId().value()).flatMap(existing -> parentRow(e.parentCaId() == null ? null : e.parentCaId().value())
        .flatMap(parent -> {
          String problem = FactChecks.caCreated(e, Certificates.parse(e.certificatePem()), existing, parent);
          if (problem != null) {
            return Uni.createFrom().failure(new FactRefused(problem));
          }
          Uni<?> issuedByParent = e.parentCaId() == null ? Uni.createFrom().voidItem() : intermediateUnderParent(e, writtenAt);
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
  private static Uni<?> intermediateUnderParent(CaCreated e, java.time.Instant writtenAt) {
    String id = CertificateRecord.idOf(e.parentCaId().value(), e.serialNumber().hex());
    return CertificateProjection.certificateRow(id, () -> {
      CertificateRecord row = CertificateProjection.newRow(id, e.parentCaId().value(), e.serialNumber().hex(), e.certificatePem(),
          e.subjectDn(), e.notBefore(), e.notAfter(), e.digest(), e.sha1OptIn());
      row.requestId = "ca:" + e.caId().value();
      row.profile = "ca";
      row.issuedAt = writtenAt;
      return row;
    });
  }

  private static Uni<CaRecord> caRow(CaCreated e, CaRecord parent) {
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
              if (row.requestedAt != null && !FactChecks.matchesRequest(row, Certificates.parse(row.certificatePem))) {
                notWhatWasRequested(row);
              }
              return row.persist();
            });
  }

  /** The same outcome whichever of the CA's request and its CaCreated was read first. */
  private static void notWhatWasRequested(CaRecord row) {
    row.status = CaRecord.Status.FAILED;
    row.failureCode = "unverified-fact";
    row.failureReason = FactChecks.NOT_WHAT_WAS_REQUESTED;
  }

  static Uni<Optional<String>> onCaRetired(CaRetired e) {
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

  static Uni<Optional<String>> onCaCreationFailed(CaCreationFailed e) {
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
}
