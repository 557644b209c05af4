package io.eventca.ca.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who is calling: the principal of the verified bearer token (its upn, which ./eventca-token sets to the
 * subject). It fills the audit fields of events (requestedBy, revokedBy) and decides what a requester owns.
 */
@ApplicationScoped
public class Callers {
  /** Create CAs, revoke anything, and everything an operator may. */
  public static final String ADMIN = "admin";
  /** Read every CA, request and certificate, and search the history; change nothing. */
  public static final String OPERATOR = "operator";
  /** Request certificates; read and revoke only its own. */
  public static final String REQUESTER = "requester";

  private final SecurityIdentity identity;

  public Callers(SecurityIdentity identity) {
    this.identity = identity;
  }

  String current() {
    if (identity.isAnonymous()) {
      // Every endpoint that records an event is @RolesAllowed; reaching this is a missing annotation.
      throw new IllegalStateException("an event would be recorded for an anonymous caller");
    }
    return identity.getPrincipal().getName();
  }

  /** Admins and operators see every request and certificate; a requester only those it asked for. */
  boolean seesEverything() {
    return identity.hasRole(ADMIN) || identity.hasRole(OPERATOR);
  }

  /**
   * The one ownership rule of the REST API (reads, downloads, revocations and both searches): a caller owns what it asked
   * for over REST. A fleet requester's request rows ({@code <requester>/<requestId>}, RequestKey) belong to no REST
   * caller, whatever its name, so a principal named like a fleet requester gets nothing of that requester's.
   */
  boolean owns(io.eventca.ca.model.CertificateRequestRecord request) {
    return request != null && !request.requestId.contains("/") && request.requestedBy != null && request.requestedBy.equals(current());
  }

  /** A requester (and not also an admin): its certificate requests must keep to its registered policy. */
  boolean isRequesterOnly() {
    return identity.hasRole(REQUESTER) && !identity.hasRole(ADMIN);
  }

  boolean isAdmin() {
    return identity.hasRole(ADMIN);
  }
}
