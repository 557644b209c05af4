package io.eventca.ca.api;

import io.eventca.events.errors.ErrorCode;
import io.eventca.ca.config.ApiConfig;
import io.eventca.ca.log.EventLog;
import io.eventca.ca.model.CaRecord;
import io.eventca.ca.model.Db;
import io.eventca.ca.projection.Outcomes;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.registry.CaRetired;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Certificate authorities: create (as an event), read and list (from the projection). */
@Path("/api/v1/cas")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class CaResource {
  static final String PEM = "application/x-pem-file";

  private final EventLog log;
  private final Outcomes outcomes;
  private final ApiConfig config;
  private final Callers callers;

  public CaResource(EventLog log, Outcomes outcomes, ApiConfig config, Callers callers) {
    this.log = log;
    this.outcomes = outcomes;
    this.config = config;
    this.callers = callers;
  }

  @POST
  @RolesAllowed(Callers.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(CreateCaBody body, @HeaderParam("Prefer") String prefer) {
    if (body == null) {
      throw new ApiError(ApiError.Kind.INVALID_INPUT, "a JSON body is required");
    }
    CaId caId = CaId.random();
    CaCreationRequested event = body.toEvent(caId, callers.current());
    if (event.parentCaId() != null) {
      checkParent(event);
    }
    Optional<Duration> wait = Prefer.waitFor(prefer, config.maxWaitSeconds());
    CompletableFuture<Object> outcome = outcomes.expect(caId.value());
    Commands.record(log, event, () -> outcomes.forget(caId.value()));
    URI location = URI.create("/api/v1/cas/" + caId);
    if (wait.isPresent() && outcomes.await(outcome, wait.get())) {
      CaRecord row = find(caId);
      if (row.status == CaRecord.Status.FAILED) {
        throw new ApiError(ApiError.Kind.REJECTED, "the CA could not be created: " + row.failureReason)
            .with("caId", row.caId)
            .with("code", row.failureCode);
      }
      return Response.created(location).header("Preference-Applied", "wait=" + wait.get().toSeconds())
          .entity(Views.ca(row, config.crlBaseUrl())).build();
    }
    outcomes.forget(caId.value());
    CaRecord pending = new CaRecord();
    pending.caId = caId.value();
    pending.status = CaRecord.Status.PENDING;
    pending.commonName = event.subject().commonName();
    pending.keyAlgorithm = event.keyAlgorithm().name();
    pending.keySize = event.keySize();
    pending.digest = event.digest();
    pending.validityDays = event.validityDays();
    return Response.accepted(Views.ca(pending, config.crlBaseUrl())).location(location).build();
  }

  /** Requesters too: they need a CA's id and status to ask it for a certificate. */
  @GET
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR, Callers.REQUESTER})
  public List<Views.Ca> list() {
    List<CaRecord> rows = Db.read(() -> CaRecord.<CaRecord>list("order by requestedAt nulls last, caId"));
    return rows.stream().map(r -> Views.ca(r, config.crlBaseUrl())).toList();
  }

  @GET
  @Path("/{caId}")
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR, Callers.REQUESTER})
  public Views.Ca get(@PathParam("caId") String caId) {
    return Views.ca(find(new CaId(caId)), config.crlBaseUrl());
  }

  /** CA certificates are public: relying parties must be able to fetch trust anchors without an account. */
  @GET
  @PermitAll
  @Path("/{caId}/certificate")
  @Produces(PEM)
  public Response certificate(@PathParam("caId") String caId) {
    CaRecord row = find(new CaId(caId));
    if (!row.hasCertificate()) {
      throw new ApiError(ApiError.Kind.CONFLICT, "CA " + caId + " is " + row.status + " and serves no certificate (only an ACTIVE or RETIRED CA does)");
    }
    return Response.ok(row.certificatePem, PEM).header("Content-Disposition", "attachment; filename=\"ca_cert.pem\"").build();
  }

  /** ca_cert.pfx as create_ca.sh makes it: a PKCS#12 trust store with the CA certificate (password "changeit"). */
  @GET
  @PermitAll
  @Path("/{caId}/certificate.pfx")
  @Produces("application/x-pkcs12")
  public Response trustStore(@PathParam("caId") String caId) {
    CaRecord row = find(new CaId(caId));
    if (!row.hasCertificate()) {
      throw new ApiError(ApiError.Kind.CONFLICT, "CA " + caId + " is " + row.status + " and serves no certificate (only an ACTIVE or RETIRED CA does)");
    }
    return Response.ok(TrustStores.pkcs12(Map.of(row.caId, row.certificatePem)), "application/x-pkcs12")
        .header("Content-Disposition", "attachment; filename=\"ca_cert.pfx\"").build();
  }

  /**
   * Retires a CA (EJBCA's "deactivate", Vault's tidy of an issuer): it issues nothing more, neither certificates nor
   * CAs below it, while its certificate, chain, CRLs and OCSP answers stay, so what it issued can still be checked
   * and revoked. Final: a retired CA is not brought back (create a new one).
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Path("/{caId}/retirement")
  @RolesAllowed(Callers.ADMIN)
  public Response retire(@PathParam("caId") String caId, RetireBody body) {
    CaRecord row = find(new CaId(caId));
    if (row.status != CaRecord.Status.ACTIVE) {
      throw new ApiError(ApiError.Kind.CONFLICT, "CA " + caId + " is " + row.status + "; only an ACTIVE CA can be retired")
          .with("caStatus", row.status.name());
    }
    String reason = body == null ? null : Fields.optional("reason", body.reason(), 256);
    CaRetired event = new CaRetired(new CaId(caId), reason, callers.current(), Instant.now());
    Commands.record(log, event, () -> {});
    return Response.accepted(Map.of("caId", caId, "status", "RETIRED", "retiredBy", event.retiredBy(), "retiredAt", event.retiredAt()))
        .location(URI.create("/api/v1/cas/" + caId)).build();
  }

  /** Body of a retirement: why, in the admin's words (optional). */
  public record RetireBody(String reason) {}

  /**
   * Every ACTIVE CA certificate in one PEM, for receivers that trust several CAs, as docs/API.md promises. Not RETIRED
   * ones: a bundle is what a new receiver starts trusting, and a retired CA is one its admins want trusted no further;
   * whoever still checks its certificates fetches it by id (GET /api/v1/cas/{caId}/certificate).
   */
  @GET
  @PermitAll
  @Path("/bundle.pem")
  @Produces(PEM)
  public Response bundle() {
    List<CaRecord> active = Db.read(() -> CaRecord.<CaRecord>list("status = ?1 order by requestedAt nulls last, caId",
        CaRecord.Status.ACTIVE));
    String pem = active.stream().map(r -> r.certificatePem).collect(Collectors.joining());
    return Response.ok(pem, PEM).header("Content-Disposition", "attachment; filename=\"ca_bundle.pem\"").build();
  }

  /** The issuer-worker checks these again; checking here answers the caller at once with the field at fault. */
  private static void checkParent(CaCreationRequested event) {
    CaRecord parent = Db.read(() -> CaRecord.<CaRecord>findById(event.parentCaId().value()));
    if (parent == null) {
      throw ApiError.invalidField("parentCaId", "must be the id of an existing CA");
    }
    if (parent.status != CaRecord.Status.ACTIVE) {
      throw new ApiError(ApiError.Kind.CONFLICT, "parent CA " + parent.caId + " is " + parent.status + ", not ACTIVE")
          .with("field", "parentCaId");
    }
    if (parent.pathLength != null && parent.pathLength == 0) {
      throw ApiError.invalidField("parentCaId", "names a CA whose path length constraint is 0: it may not have CAs below it");
    }
    Instant notAfter = Instant.now().plus(event.validityDays(), ChronoUnit.DAYS);
    if (notAfter.isAfter(parent.notAfter)) {
      throw ApiError.invalidField(ErrorCode.BAD_VALIDITY, "validityDays", "would end the CA on " + notAfter.truncatedTo(ChronoUnit.SECONDS)
          + ", after its parent CA's notAfter " + parent.notAfter + "; a certificate never outlives its issuer");
    }
  }

  /** The CA's certificate and its issuers up to the root, leaf first, as TLS servers and openssl want them. */
  @GET
  @PermitAll
  @Path("/{caId}/chain")
  @Produces(PEM)
  public Response chain(@PathParam("caId") String caId) {
    return Response.ok(chainPem(find(new CaId(caId))), PEM)
        .header("Content-Disposition", "attachment; filename=\"ca_chain.pem\"").build();
  }

  static String chainPem(CaRecord ca) {
    StringBuilder pem = new StringBuilder();
    CaRecord current = ca;
    for (int depth = 0; current != null; depth++) {
      if (!current.hasCertificate()) {
        throw new ApiError(ApiError.Kind.CONFLICT, "CA " + current.caId + " is " + current.status + " and serves no certificate (only an ACTIVE or RETIRED CA does)");
      }
      if (depth > 32) {
        throw new IllegalStateException("CA chain of " + ca.caId + " does not end");
      }
      pem.append(current.certificatePem);
      String parentId = current.parentCaId;
      current = parentId == null ? null : Db.read(() -> CaRecord.<CaRecord>findById(parentId));
    }
    return pem.toString();
  }

  static CaRecord find(CaId caId) {
    CaRecord row = Db.read(() -> CaRecord.<CaRecord>findById(caId.value()));
    if (row == null) {
      throw ApiError.refusal(ErrorCode.UNKNOWN_CA, "CA " + caId + " does not exist");
    }
    return row;
  }
}
