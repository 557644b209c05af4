package io.eventca.ca.api;

import io.eventca.ca.config.ApiConfig;
import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.Db;
import io.eventca.events.ids.CaId;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Issuance history: {@code GET /api/v1/certificates?caId=&status=&limit=&offset=}, newest first. */
@Path("/api/v1/certificates")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {
  private static final Map<String, String> STATUS_FILTERS =
      Map.of(
          "VALID", "revokedAt is null and notAfter >= :now",
          "EXPIRED", "revokedAt is null and notAfter < :now",
          "REVOKED", "revokedAt is not null");

  private final ApiConfig config;
  private final Callers callers;

  public SearchResource(ApiConfig config, Callers callers) {
    this.config = config;
    this.callers = callers;
  }

  public record Page(List<Views.Certificate> items, int count, int limit, int offset) {}

  /** A requester searches only the certificates it asked for. */
  @GET
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR, Callers.REQUESTER})
  public Page search(
      @QueryParam("caId") String caId,
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    List<String> clauses = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (!callers.seesEverything()) {
      clauses.add("requestId in (select r.requestId from CertificateRequestRecord r where r.requestedBy = :caller)");
      parameters.and("caller", callers.current());
    }
    if (caId != null && !caId.isEmpty()) {
      clauses.add("caId = :caId");
      parameters.and("caId", new CaId(caId).value());
    }
    if (status != null && !status.isEmpty()) {
      String filter = STATUS_FILTERS.get(status.toUpperCase(Locale.ROOT));
      if (filter == null) {
        throw ApiError.invalidField("status", "must be one of VALID, REVOKED, EXPIRED");
      }
      clauses.add(filter);
      if (filter.contains(":now")) {
        parameters.and("now", Instant.now());
      }
    }
    int size = number("limit", limit, 100, 1, config.maxPageSize());
    int from = number("offset", offset, 0, 0, Integer.MAX_VALUE);
    String query = String.join(" and ", clauses);
    Instant now = Instant.now();
    List<CertificateRecord> rows =
        Db.read(
            () ->
                CertificateRecord.<CertificateRecord>find(query, Sort.descending("issuedSeq"), parameters)
                    .range(from, from + size - 1)
                    .list());
    List<Views.Certificate> items =
        rows.stream()
            .map(r -> Views.certificate(r, now))
            .map(c -> new Views.Certificate(c.caId(), c.serialNumber(), c.requestId(), c.subject(), c.profile(), c.status(),
                c.notBefore(), c.notAfter(), c.revokedAt(), c.revocationReason(), c.revokedBy(), c.host(), c.digest(), c.sha1OptIn(), null,
                c.links()))
            .toList();
    return new Page(items, items.size(), size, from);
  }

  private static int number(String field, String text, int defaultValue, int min, int max) {
    if (text == null || text.isEmpty()) {
      return defaultValue;
    }
    try {
      return Fields.range(field, Integer.valueOf(text), defaultValue, min, max);
    } catch (NumberFormatException e) {
      throw ApiError.invalidField(field, "must be a whole number between " + min + " and " + max);
    }
  }
}
