package io.eventca.ca.api;

import io.eventca.ca.model.CertificateRequestRecord;
import io.eventca.ca.model.Db;
import io.eventca.events.ids.RequestId;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The state of a certificate request: PENDING, ISSUED (with the serial) or REJECTED (with the reason). */
@Path("/api/v1/requests")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class RequestResource {
  private final Callers callers;

  public RequestResource(Callers callers) {
    this.callers = callers;
  }

  @GET
  @Path("/{requestId}")
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR, Callers.REQUESTER})
  public Views.Request get(@PathParam("requestId") String requestId) {
    RequestId id = new RequestId(requestId);
    CertificateRequestRecord row = Db.read(() -> CertificateRequestRecord.<CertificateRequestRecord>findById(id.value()));
    // Another requester's request is "not found", as in the search: see CertificateResource.findVisible.
    if (row == null || !(callers.seesEverything() || callers.owns(row.requestedBy))) {
      throw ApiError.notFound("request " + id);
    }
    return Views.request(row);
  }
}
