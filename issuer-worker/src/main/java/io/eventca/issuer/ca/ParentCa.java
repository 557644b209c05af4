package io.eventca.issuer.ca;

import io.eventca.events.errors.ErrorCode;
import io.eventca.events.ids.CaId;
import io.eventca.checks.RequestProblem;
import io.eventca.issuer.issue.IssuanceCycle;
import io.eventca.issuer.state.CaDirectory;
import io.eventca.issuer.state.IssuingCa;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Whether a CA may be created below a parent: the parent is known with its key, can sign now, allows another
 * CA below it (its pathLength, and those of the CAs above it), and outlives the new CA. Refusals name what to
 * change; nothing is shortened silently.
 */
final class ParentCa {
  /** Guards the walk up the chain against a cycle that only a forged event could create. */
  private static final int MAX_CHAIN = 16;

  private ParentCa() {}

  static IssuingCa check(CaId parentId, CaParameters parameters, Instant now, CaDirectory directory, IssuanceCycle.CatchUp catchUp) {
    IssuingCa parent = find(parentId, directory, catchUp);
    directory.retirement(parentId).ifPresent(retired -> {
      throw new RequestProblem(ErrorCode.CA_RETIRED, "parent CA " + parentId + " was retired at " + retired.retiredAt()
          + " and signs no more CAs");
    });
    if (!parent.isActiveAt(now)) {
      throw new RequestProblem(ErrorCode.CA_NOT_ACTIVE, "parent CA " + parentId + " is valid from " + parent.notBefore()
          + " to " + parent.notAfter() + ", not now (" + now + ")");
    }
    BasicConstraints constraints = BasicConstraints.fromExtensions(parent.certificate().getExtensions());
    KeyUsage usage = KeyUsage.fromExtensions(parent.certificate().getExtensions());
    if (constraints == null || !constraints.isCA() || (usage != null && !usage.hasUsages(KeyUsage.keyCertSign))) {
      throw CaParameters.policy("the certificate of parent CA " + parentId + " does not allow it to sign CA certificates");
    }
    checkPathLength(parameters.pathLength(), parent, directory);
    Instant notAfter = now.plus(parameters.validityDays(), ChronoUnit.DAYS);
    if (notAfter.isAfter(parent.notAfter())) {
      throw new RequestProblem(ErrorCode.BAD_VALIDITY, "a CA valid for " + parameters.validityDays() + " days would end at "
          + notAfter + ", after its parent CA " + parentId + " ends at " + parent.notAfter() + "; ask for at most "
          + Duration.between(now, parent.notAfter()).toDays() + " days");
    }
    return parent;
  }

  private static IssuingCa find(CaId parentId, CaDirectory directory, IssuanceCycle.CatchUp catchUp) {
    Optional<IssuingCa> parent = directory.issuingCa(parentId);
    if (parent.isEmpty()) {
      // Created by another worker moments ago? Read the CA topics to their end, then look again.
      catchUp.run();
      parent = directory.issuingCa(parentId);
    }
    return parent.orElseThrow(() -> directory.creationFailure(parentId)
        .map(f -> new RequestProblem(ErrorCode.CA_NOT_ACTIVE,
            "parent CA " + parentId + " was never created: " + f.code() + " (" + f.reason() + ")"))
        .orElseGet(() -> new RequestProblem(ErrorCode.UNKNOWN_CA, "unknown parent CA " + parentId + ": no such CA is known to the issuer")));
  }

  /**
   * RFC 5280 6.1.4 (m): a pathLenConstraint of n allows n more CA certificates below it in a path. The new CA is
   * the 1st below its parent, the 2nd below the grandparent, ...; every CA up the chain must leave room for it.
   */
  private static void checkPathLength(Integer requested, IssuingCa parent, CaDirectory directory) {
    IssuingCa ca = parent;
    for (int below = 1; ca != null && below <= MAX_CHAIN; below++) {
      BasicConstraints constraints = BasicConstraints.fromExtensions(ca.certificate().getExtensions());
      BigInteger limit = constraints == null ? null : constraints.getPathLenConstraint();
      if (limit != null) {
        long room = limit.longValue() - below;
        String where = ca == parent ? "parent CA " + ca.caId() : "CA " + ca.caId() + " above parent CA " + parent.caId();
        if (room < 0) {
          throw CaParameters.policy(where + " has pathLength " + limit + ": no further CA may be created below "
              + (ca == parent ? "it" : "the parent"));
        }
        if (requested != null && requested > room) {
          throw CaParameters.policy("pathLength " + requested + " is more than the chain allows: " + where
              + " has pathLength " + limit + ", so the new CA may have at most " + room);
        }
      }
      ca = ca.created().parentCaId() == null ? null : directory.issuingCa(ca.created().parentCaId()).orElse(null);
    }
  }
}
