package io.eventca.ca.projection;

import io.eventca.ca.model.Columns;
import io.eventca.ca.model.RequesterRecord;
import io.eventca.events.ids.CaId;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.events.registry.RequesterRetired;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.stream.Collectors;

/** The requester rows of the read model, from eventca.registry (in order per requester: it is the key). */
final class Registry {
  private Registry() {}

  static Uni<Optional<String>> onRegistered(RequesterRegistered e) {
    return RequesterRecord.<RequesterRecord>findById(e.requester().value())
        .flatMap(found -> {
          RequesterRecord row = found == null ? new RequesterRecord() : found;
          row.name = e.requester().value();
          row.status = RequesterRecord.Status.ACTIVE;
          row.publicKeyPem = e.publicKeyPem();
          row.allowedNames = String.join(",", e.policy().allowedNames());
          row.allowedProfiles = String.join(",", e.policy().allowedProfiles());
          row.maxValidityDays = e.policy().maxValidityDays();
          row.allowedCaIds = e.policy().anyCa() ? null
              : e.policy().allowedCaIds().stream().map(CaId::value).collect(Collectors.joining(","));
          row.allowedSubject = RequesterRecord.json(e.policy().allowedSubject());
          row.registeredBy = Columns.fit(e.registeredBy(), Columns.PRINCIPAL);
          row.registeredAt = e.registeredAt();
          row.retiredBy = null;
          row.retiredAt = null;
          return row.persist();
        })
        .replaceWith(Optional.of(settles(e.requester().value())));
  }

  static Uni<Optional<String>> onRetired(RequesterRetired e) {
    return RequesterRecord.<RequesterRecord>findById(e.requester().value())
        .flatMap(found -> {
          if (found == null) {
            return Uni.createFrom().nullItem();
          }
          found.status = RequesterRecord.Status.RETIRED;
          found.retiredBy = Columns.fit(e.retiredBy(), Columns.PRINCIPAL);
          found.retiredAt = e.retiredAt();
          return found.persist();
        })
        .replaceWith(Optional.of(settles(e.requester().value())));
  }

  /** What a caller waiting for a registration waits on (see Outcomes): not a CA or request id, so prefixed. */
  static String settles(String requester) {
    return "requester/" + requester;
  }
}
