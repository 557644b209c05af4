package io.eventca.crl.http;

import io.eventca.events.ids.InvalidIdException;
import io.eventca.service.Problems;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The single edge where errors become application/problem+json (RFC 9457). */
public class ProblemMapping {
  private static final Logger LOG = Logger.getLogger(ProblemMapping.class);

  @ServerExceptionMapper
  public Response crlError(CrlError e) {
    return problem(e.kind().status, e.kind().title, e.getMessage());
  }

  @ServerExceptionMapper
  public Response invalidId(InvalidIdException e) {
    return crlError(new CrlError(CrlError.Kind.BAD_REQUEST, e.getMessage()));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String title = Problems.title(status);
    return problem(status, title, e.getMessage() == null ? title : e.getMessage());
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    LOG.error("unexpected error", e);
    return problem(500, "Internal error", "an unexpected error occurred; it has been logged");
  }

  private static Response problem(int status, String title, String detail) {
    Response.ResponseBuilder response = Response.status(status).type(Problems.MEDIA_TYPE).entity(Problems.body(status, title, detail, Map.of()));
    if (Problems.saysWhenToComeBack(status)) {
      response.header("Retry-After", Problems.DEFAULT_RETRY_AFTER_SECONDS); // a CRL being rebuilt: seconds, not minutes
    }
    return response.build();
  }
}
