package io.eventca.ca.api;

import io.eventca.ca.config.ApiConfig;
import io.eventca.ca.model.CertificateRequestRecord;
import io.eventca.ca.search.QueryString;
import io.eventca.ca.search.RequestQuery;
import io.eventca.ca.search.RequestSearch;
import io.eventca.ca.model.Db;
import io.eventca.events.ids.RequestId;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** The state of a certificate request: PENDING, ISSUED (with the serial) or REJECTED (with the reason). */
@Path("/api/v1/requests")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class RequestResource {
  private final Callers callers;
  private final ApiConfig config;

  public RequestResource(Callers callers, ApiConfig config) {
    this.callers = callers;
    this.config = config;
  }

  /** A page of the requests; a REST requester sees only its own. */
  public record Page(List<Views.Request> items, String next, int count, int limit) {}

  /** The requests, refused ones included: {@code GET /api/v1/requests?status=REJECTED&...} (docs/API.md). */
  @GET
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR, Callers.REQUESTER})
  public Page search(@Context UriInfo uri) {
    RequestQuery query = RequestQuery.of(QueryString.parse(uri.getRequestUri().getRawQuery()), 100, config.maxPageSize());
    RequestQuery visible = callers.seesEverything() ? query : query.onlyRequestedBy(callers.current());
    RequestSearch.Page page = Db.read(() -> RequestSearch.page(visible));
    List<Views.Request> items = page.items().stream().map(Views::request).toList();
    return new Page(items, page.next(), items.size(), visible.limit());
  }

  @GET
  @Path("/{requestId}")
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR, Callers.REQUESTER})
  public Views.Request get(@PathParam("requestId") String requestId) {
    RequestId id = new RequestId(requestId);
    CertificateRequestRecord row = Db.read(() -> CertificateRequestRecord.<CertificateRequestRecord>findById(id.value()));
    // Another requester's request is "not found", as in the search: see CertificateResource.findVisible.
    if (row == null || !(callers.seesEverything() || callers.owns(row))) {
      throw ApiError.notFound("request " + id);
    }
    return Views.request(row);
  }
}
