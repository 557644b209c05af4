package io.eventca.ca.api;

import io.eventca.ca.rebuild.ReadModelRebuild;
import io.eventca.ca.rebuild.RebuildProgress;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.logging.Logger;

/** The read model rebuilt from the log, for admins (docs/API.md, "Rebuilding the read model"). */
@Path("/api/v1/admin/read-model/rebuilds")
@Produces(MediaType.APPLICATION_JSON)
public class ReadModelResource {
  private static final Logger LOG = Logger.getLogger(ReadModelResource.class);
  private static final URI LATEST = URI.create("/api/v1/admin/read-model/rebuilds/latest");
  private final ReadModelRebuild rebuild;
  private final Callers callers;

  public ReadModelResource(ReadModelRebuild rebuild, Callers callers) {
    this.rebuild = rebuild;
    this.callers = callers;
  }

  /** Starts one; 409 while one runs. The answer is where it is at once; follow Location for the rest. */
  @POST
  @RolesAllowed(Callers.ADMIN)
  public Response start() {
    RebuildProgress started;
    try {
      started = rebuild.start();
    } catch (ReadModelRebuild.AlreadyRunning e) {
      throw new ApiError(ApiError.Kind.CONFLICT, e.getMessage()).with("rebuild", e.progress.id());
    }
    LOG.infof("read-model rebuild %s started by %s", started.id(), callers.current());
    return Response.accepted(started).location(LATEST).build();
  }

  @GET
  @Path("latest")
  @RolesAllowed(Callers.ADMIN)
  public RebuildProgress latest() {
    return rebuild.latest().orElseThrow(() -> new ApiError(ApiError.Kind.NOT_FOUND, "no rebuild of the read model has run on this instance"));
  }
}
