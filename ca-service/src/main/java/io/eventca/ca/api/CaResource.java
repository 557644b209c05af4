package io.eventca.ca.api;

import io.eventca.ca.config.ApiConfig;
import io.eventca.ca.log.EventLog;
import io.eventca.ca.model.CaRecord;
import io.eventca.ca.model.Db;
import io.eventca.ca.projection.Outcomes;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.ids.CaId;
import io.smallrye.common.annotation.Blocking;
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

  public CaResource(EventLog log, Outcomes outcomes, ApiConfig config) {
    this.log = log;
    this.outcomes = outcomes;
    this.config = config;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(CreateCaBody body, @HeaderParam("Prefer") String prefer) {
    if (body == null) {
      throw new ApiError(ApiError.Kind.INVALID_INPUT, "a JSON body is required");
    }
    CaId caId = CaId.random();
    CaCreationRequested event = body.toEvent(caId, Callers.current());
    Optional<Duration> wait = Prefer.waitFor(prefer, config.maxWaitSeconds());
    CompletableFuture<Void> outcome = outcomes.expect(caId.value());
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

  @GET
  public List<Views.Ca> list() {
    List<CaRecord> rows = Db.read(() -> CaRecord.<CaRecord>list("order by requestedAt nulls last, caId"));
    return rows.stream().map(r -> Views.ca(r, config.crlBaseUrl())).toList();
  }

  @GET
  @Path("/{caId}")
  public Views.Ca get(@PathParam("caId") String caId) {
    return Views.ca(find(new CaId(caId)), config.crlBaseUrl());
  }

  @GET
  @Path("/{caId}/certificate")
  @Produces(PEM)
  public Response certificate(@PathParam("caId") String caId) {
    CaRecord row = find(new CaId(caId));
    if (row.certificatePem == null) {
      throw new ApiError(ApiError.Kind.CONFLICT, "CA " + caId + " is " + row.status + " and has no certificate");
    }
    return Response.ok(row.certificatePem, PEM).header("Content-Disposition", "attachment; filename=\"ca_cert.pem\"").build();
  }

  /** ca_cert.pfx as create_ca.sh makes it: a PKCS#12 trust store with the CA certificate (password "changeit"). */
  @GET
  @Path("/{caId}/certificate.pfx")
  @Produces("application/x-pkcs12")
  public Response trustStore(@PathParam("caId") String caId) {
    CaRecord row = find(new CaId(caId));
    if (row.certificatePem == null) {
      throw new ApiError(ApiError.Kind.CONFLICT, "CA " + caId + " is " + row.status + " and has no certificate");
    }
    return Response.ok(TrustStores.pkcs12(Map.of(row.caId, row.certificatePem)), "application/x-pkcs12")
        .header("Content-Disposition", "attachment; filename=\"ca_cert.pfx\"").build();
  }

  /** Every ACTIVE CA certificate in one PEM, for receivers that trust several CAs. */
  @GET
  @Path("/bundle.pem")
  @Produces(PEM)
  public Response bundle() {
    List<CaRecord> active = Db.read(() -> CaRecord.<CaRecord>list("status = ?1 order by requestedAt nulls last, caId", CaRecord.Status.ACTIVE));
    String pem = active.stream().map(r -> r.certificatePem).collect(Collectors.joining());
    return Response.ok(pem, PEM).header("Content-Disposition", "attachment; filename=\"ca_bundle.pem\"").build();
  }

  static CaRecord find(CaId caId) {
    CaRecord row = Db.read(() -> CaRecord.<CaRecord>findById(caId.value()));
    if (row == null) {
      throw ApiError.notFound("CA " + caId);
    }
    return row;
  }
}
