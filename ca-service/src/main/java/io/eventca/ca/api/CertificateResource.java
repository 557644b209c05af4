package io.eventca.ca.api;

import io.eventca.ca.config.ApiConfig;
import io.eventca.ca.log.EventLog;
import io.eventca.ca.model.CaRecord;
import io.eventca.events.errors.ErrorCode;
import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.CertificateRequestRecord;
import io.eventca.ca.model.Db;
import io.eventca.ca.projection.Outcomes;
import io.eventca.events.RevocationReason;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.CertificateRevoked;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import io.smallrye.common.annotation.Blocking;
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
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Certificates of one CA: request (as an event), read, download, revoke (as an event). */
@Path("/api/v1/cas/{caId}/certificates")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {
  private final EventLog log;
  private final Outcomes outcomes;
  private final ApiConfig config;
  private final ServerKeys serverKeys;
  private final Callers callers;

  public CertificateResource(EventLog log, Outcomes outcomes, ApiConfig config, ServerKeys serverKeys, Callers callers) {
    this.log = log;
    this.outcomes = outcomes;
    this.config = config;
    this.serverKeys = serverKeys;
    this.callers = callers;
  }

  /** Not operators: they look after the CA and its history, they are nobody's certificate subject. */
  @POST
  @RolesAllowed({Callers.ADMIN, Callers.REQUESTER})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response request(@PathParam("caId") String caIdText, RequestCertificateBody body, @HeaderParam("Prefer") String prefer) {
    CaId caId = new CaId(caIdText);
    if (body == null) {
      throw new ApiError(ApiError.Kind.INVALID_INPUT, "a JSON body is required");
    }
    CaRecord ca = CaResource.find(caId);
    if (ca.status != CaRecord.Status.ACTIVE) {
      throw ApiError.refusal(ca.status == CaRecord.Status.RETIRED ? ErrorCode.CA_RETIRED : ErrorCode.CA_NOT_ACTIVE,
          "CA " + caId + " is " + ca.status + ", not ACTIVE").with("caStatus", ca.status.name());
    }
    RequestId requestId = RequestId.random();
    RequestCertificateBody.Validated validated = body.validate(caId, ca.certificatePem, requestId, callers.current());
    Instant notAfter = Instant.now().plus(validated.event().validityDays(), ChronoUnit.DAYS);
    if (ca.notAfter != null && notAfter.isAfter(ca.notAfter)) {
      throw ApiError.invalidField(ErrorCode.BAD_VALIDITY, "validityDays", "would end the certificate on " + notAfter.truncatedTo(ChronoUnit.SECONDS)
          + ", after its CA's notAfter " + ca.notAfter + "; a certificate never outlives its issuer");
    }
    if (validated.serverKey() != null) {
      validated = serverKeys.generateFor(validated);
    }
    // A requester is held to its registered policy by the issuer-worker; admins are not requesters.
    CertificateRequested event = callers.isRequesterOnly() ? validated.event().heldToRequesterPolicy() : validated.event();
    Optional<Duration> wait = Prefer.waitFor(prefer, config.maxWaitSeconds());
    CompletableFuture<Object> outcome = outcomes.expect(requestId.value());
    Commands.record(log, event, () -> outcomes.forget(requestId.value()));
    if (wait.isPresent() && outcomes.await(outcome, wait.get())) {
      return settled(requestId, wait.get(), Outcomes.staged(outcome));
    }
    outcomes.forget(requestId.value());
    Views.Request pending =
        new Views.Request(requestId.value(), caId.value(), "PENDING", event.profile(), event.validityDays(), null, null, null, null,
            event.requestedBy(), event.requestedAt(), io.eventca.events.cert.Channel.rest.name(), null);
    return Response.accepted(pending).location(URI.create("/api/v1/requests/" + requestId)).build();
  }

  /** @param staged the rows the projection wrote for this outcome (Outcomes.stage), or null: then they are read */
  private Response settled(RequestId requestId, Duration waited, Object staged) {
    CertificateRecord certificate = staged instanceof CertificateRecord row ? row : null;
    if (certificate == null) {
      CertificateRequestRecord request = staged instanceof CertificateRequestRecord row ? row
          : Db.read(() -> CertificateRequestRecord.<CertificateRequestRecord>findById(requestId.value()));
      if (request.status == CertificateRequestRecord.Status.REJECTED) {
        throw new ApiError(ApiError.Kind.REJECTED, request.rejectionDetail)
            .with("requestId", request.requestId)
            .with("code", request.rejectionCode);
      }
      certificate = find(new CaId(request.caId), new SerialNumber(request.serialNumber));
    }
    return Response.created(URI.create(Views.certificatePath(certificate.caId, certificate.serialNumber)))
        .header("Preference-Applied", "wait=" + waited.toSeconds())
        .entity(Views.certificate(certificate, Instant.now()))
        .build();
  }

  @GET
  @Path("/{serial}")
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR, Callers.REQUESTER})
  public Views.Certificate get(@PathParam("caId") String caId, @PathParam("serial") String serial) {
    return Views.certificate(findVisible(new CaId(caId), SerialNumber.parse(serial)), Instant.now());
  }

  @GET
  @Path("/{serial}/certificate")
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR, Callers.REQUESTER})
  @Produces(CaResource.PEM)
  public Response download(@PathParam("caId") String caId, @PathParam("serial") String serial) {
    CertificateRecord row = findVisible(new CaId(caId), SerialNumber.parse(serial));
    return Response.ok(row.certificatePem, CaResource.PEM)
        .header("Content-Disposition", Downloads.attachment(Downloads.fileName(row, "cert.pem")))
        .build();
  }

  /** One entry of a certificate's timeline: a fact from the log and where it is, or a derived one (expired). */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record TimelineEntry(String fact, String eventType, String eventId, Instant at, String topic, Integer partition, Long offset,
      com.fasterxml.jackson.databind.JsonNode says) {}

  /**
   * What the log says happened to the certificate, in order: requested (by whom, over which channel), issued (with the
   * request's fingerprint), rejected attempts under the same request, revoked (by whom, why), and expired once past its
   * notAfter (derived, so without a log position). Delivery and CRL listings are facts of topics ca-service does not read yet.
   */
  @GET
  @Path("/{serial}/history")
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR, Callers.REQUESTER})
  public List<TimelineEntry> history(@PathParam("caId") String caId, @PathParam("serial") String serial) {
    CertificateRecord row = findVisible(new CaId(caId), SerialNumber.parse(serial));
    List<io.eventca.ca.model.CertificateFactRecord> facts = Db.read(() -> io.eventca.ca.model.CertificateFactRecord
        .<io.eventca.ca.model.CertificateFactRecord>find("certificateId = ?1 or requestRow = ?2 order by writtenAt, seq", row.id, row.requestId)
        .list());
    List<TimelineEntry> entries = new java.util.ArrayList<>();
    for (io.eventca.ca.model.CertificateFactRecord fact : facts) {
      entries.add(new TimelineEntry(factName(fact.eventType), fact.eventType, fact.eventId, fact.writtenAt, fact.topic, fact.partition, fact.offset,
          readSummary(fact.summary)));
    }
    if (row.notAfter.isBefore(Instant.now())) {
      entries.add(new TimelineEntry("expired", null, null, row.notAfter, null, null, null, null));
    }
    return entries;
  }

  private static final Map<Class<?>, String> FACT_NAMES = Map.of(
      io.eventca.events.cert.CertificateRequested.class, "requested", io.eventca.events.cert.CertificateIssued.class, "issued",
      io.eventca.events.cert.CertificateRejected.class, "rejected", io.eventca.events.cert.CertificateRevoked.class, "revoked");

  private static String factName(String eventType) {
    return io.eventca.events.EventTypes.byWireType(eventType).map(FACT_NAMES::get).orElse(eventType);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper SUMMARIES = new com.fasterxml.jackson.databind.ObjectMapper();

  private static com.fasterxml.jackson.databind.JsonNode readSummary(String summary) {
    try {
      return SUMMARIES.readTree(summary);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The certificate and its CA chain up to the root, leaf first: what a TLS server presents. */
  @GET
  @Path("/{serial}/chain")
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR, Callers.REQUESTER})
  @Produces(CaResource.PEM)
  public Response chain(@PathParam("caId") String caId, @PathParam("serial") String serial) {
    CertificateRecord row = findVisible(new CaId(caId), SerialNumber.parse(serial));
    String pem = row.certificatePem + CaResource.chainPem(CaResource.find(new CaId(caId)));
    return Response.ok(pem, CaResource.PEM)
        .header("Content-Disposition", Downloads.attachment(Downloads.fileName(row, "chain.pem")))
        .build();
  }

  /** Body of a revocation: an RFC 5280 reason name (default unspecified) and an optional invalidity date. */
  public record RevocationBody(String reason, Instant invalidityDate) {}

  /** Admins revoke anything; a requester only what it asked for (operators read, they do not change). */
  @POST
  @Path("/{serial}/revocation")
  @RolesAllowed({Callers.ADMIN, Callers.REQUESTER})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response revoke(@PathParam("caId") String caIdText, @PathParam("serial") String serial, RevocationBody body) {
    CaId caId = new CaId(caIdText);
    SerialNumber serialNumber = SerialNumber.parse(serial);
    RevocationReason reason = reason(body == null ? null : body.reason());
    CertificateRecord row = find(caId, serialNumber);
    if (!callers.isAdmin() && !callers.owns(requestOf(row))) {
      throw notFound(caId, serialNumber);
    }
    if (row.revokedAt != null) {
      throw new ApiError(ApiError.Kind.CONFLICT, "certificate " + serialNumber + " is already revoked")
          .with("revokedAt", row.revokedAt.toString());
    }
    Instant invalidity = body == null ? null : body.invalidityDate();
    Instant now = Instant.now();
    if (invalidity != null && invalidity.isAfter(now)) {
      throw ApiError.invalidField("invalidityDate", "must not be in the future");
    }
    CertificateRevoked event = new CertificateRevoked(caId, serialNumber, reason, now, invalidity, callers.current());
    Commands.record(log, event, () -> {});
    return Response.accepted(Map.of("caId", caId.value(), "serialNumber", serialNumber.hex(), "reason", reason.name(),
            "revokedAt", now.toString(), "crl", config.crlBaseUrl() + "/crls/" + caId + ".crl"))
        .location(URI.create(Views.certificatePath(caId.value(), serialNumber.hex())))
        .build();
  }

  private static RevocationReason reason(String name) {
    if (name == null) {
      return RevocationReason.unspecified;
    }
    RevocationReason reason =
        RevocationReason.byName(name)
            .orElseThrow(
                () -> ApiError.invalidField("reason", "must be one of "
                    + Arrays.stream(RevocationReason.values()).filter(r -> r != RevocationReason.removeFromCRL)
                        .map(Enum::name).collect(Collectors.joining(", "))));
    if (reason == RevocationReason.removeFromCRL) {
      throw ApiError.invalidField("reason", "removeFromCRL is only meaningful in delta CRLs and cannot be requested");
    }
    return reason;
  }

  static CertificateRecord find(CaId caId, SerialNumber serial) {
    String id = CertificateRecord.idOf(caId.value(), serial.hex());
    CertificateRecord row = Db.read(() -> CertificateRecord.<CertificateRecord>findById(id));
    if (row == null) {
      throw notFound(caId, serial);
    }
    return row;
  }

  /**
   * A certificate this caller may see. Another requester's certificate is "not found" rather than forbidden: a
   * requester's view of a CA is its own certificates (the search lists only those too), and a 403 would confirm
   * to it which serial numbers exist.
   */
  private CertificateRecord findVisible(CaId caId, SerialNumber serial) {
    CertificateRecord row = find(caId, serial);
    if (!callers.seesEverything() && !callers.owns(requestOf(row))) {
      throw notFound(caId, serial);
    }
    return row;
  }

  /** The request the certificate answered; null for certificates no request names (a CA's own, in its parent's history). */
  static CertificateRequestRecord requestOf(CertificateRecord certificate) {
    return Db.read(() -> CertificateRequestRecord.<CertificateRequestRecord>findById(certificate.requestId));
  }

  static ApiError notFound(CaId caId, SerialNumber serial) {
    return ApiError.notFound("certificate " + serial + " of CA " + caId);
  }
}
