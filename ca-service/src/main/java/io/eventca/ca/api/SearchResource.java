package io.eventca.ca.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.eventca.ca.config.ApiConfig;
import io.eventca.ca.model.CertificateRecord;
import io.eventca.ca.model.Db;
import io.eventca.ca.search.CertificateQuery;
import io.eventca.ca.search.CertificateSearch;
import io.eventca.ca.search.Exports;
import io.eventca.ca.search.QueryString;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The issuance history, searched: {@code GET /api/v1/certificates} with the filters of docs/API.md ("Searching the
 * history"), newest first unless sorted otherwise, a page at a time by cursor. A requester sees only what it asked for.
 */
@Path("/api/v1/certificates")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {
  private final ApiConfig config;
  private final Callers callers;
  private final ObjectMapper json;

  public SearchResource(ApiConfig config, Callers callers, ObjectMapper json) {
    this.config = config;
    this.callers = callers;
    this.json = json;
  }

  /**
   * @param next the cursor of the next page (null on the last), to pass as {@code cursor}
   * @param count the certificates on this page
   * @param total every certificate that matches, with {@code withTotal=true}
   * @param asOf the instant the answer is for, when {@code asOf} was given
   */
  public record Page(List<Views.Certificate> items, String next, int count, int limit, @JsonInclude(Include.NON_NULL) Long total,
      @JsonInclude(Include.NON_NULL) Instant asOf) {}

  /**
   * A page of JSON, or with {@code format=ndjson|csv|index.txt} (or {@code Accept: application/x-ndjson} or
   * {@code text/csv}) every match exported, streamed ({@link HistoryExport}).
   */
  @GET
  @Produces({MediaType.APPLICATION_JSON, "application/x-ndjson", "text/csv", MediaType.TEXT_PLAIN})
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR, Callers.REQUESTER})
  public Response search(@Context UriInfo uri, @HeaderParam("Accept") String accept) {
    // A parameter that cannot be read is a SearchProblem, which ProblemMapping answers as a 400 naming it.
    Map<String, List<String>> parameters = QueryString.parse(uri.getRequestUri().getRawQuery());
    CertificateQuery query = query(parameters);
    Optional<Exports.Format> export = Exports.chosen(parameters.containsKey("format") ? parameters.get("format").get(0) : null, accept);
    if (export.isPresent()) {
      Exports.Format format = export.get();
      Exports.check(format, parameters);
      return Response.ok(HistoryExport.of(query, format, json), format.mediaType + "; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"" + format.fileName + "\"").build();
    }
    CertificateSearch.Page page = Db.read(() -> CertificateSearch.page(query));
    List<Views.Certificate> items = page.items().stream()
        .map(row -> Views.historyItem(row, page.names().getOrDefault(row.id, List.of()), query.at(), query.historical()))
        .toList();
    return Response.ok(new Page(items, page.next(), items.size(), query.limit(), page.total(), query.historical() ? query.at() : null),
        MediaType.APPLICATION_JSON).build();
  }

  private CertificateQuery query(Map<String, List<String>> parameters) {
    CertificateQuery query = CertificateQuery.of(parameters, 100, config.maxPageSize(), Instant.now());
    return callers.seesEverything() ? query : query.onlyRequestedBy(callers.current());
  }
}
