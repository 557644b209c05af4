package io.eventca.ca.api;

import io.eventca.ca.log.EventLog;
import io.eventca.ca.model.Db;
import io.eventca.ca.model.RequesterRecord;
import io.eventca.events.ids.InvalidIdException;
import io.eventca.events.ids.RequesterName;
import io.eventca.events.registry.RequesterRegistered;
import io.eventca.events.registry.RequesterRetired;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Requesters, as step-ca has provisioners and Vault roles: an admin registers a fleet service with its public key
 * and its policy (as an event on eventca.registry); the issuer-worker then serves its signed requests on
 * eventca.fleet-requests, and holds every request it makes, over Kafka or REST, to that policy.
 */
@Path("/api/v1/requesters")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class RequesterResource {
  private final EventLog log;
  private final Callers callers;

  public RequesterResource(EventLog log, Callers callers) {
    this.log = log;
    this.callers = callers;
  }

  /** Registers a requester, or replaces the key and policy of one (a key rotation is a new registration). */
  @POST
  @RolesAllowed(Callers.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(RegisterRequesterBody body) {
    if (body == null) {
      throw new ApiError(ApiError.Kind.INVALID_INPUT, "a JSON body is required");
    }
    RequesterRegistered event = body.toEvent(callers.current());
    boolean known = Db.read(() -> RequesterRecord.<RequesterRecord>findById(event.requester().value())) != null;
    Commands.record(log, event, () -> {});
    Response.ResponseBuilder answer = known ? Response.ok() : Response.created(URI.create("/api/v1/requesters/" + event.requester()));
    return answer.entity(Views.requester(event)).build();
  }

  @GET
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR})
  public List<Views.Requester> list() {
    List<RequesterRecord> rows = Db.read(() -> RequesterRecord.<RequesterRecord>list("order by name"));
    return rows.stream().map(Views::requester).toList();
  }

  @GET
  @Path("/{requester}")
  @RolesAllowed({Callers.ADMIN, Callers.OPERATOR})
  public Views.Requester get(@PathParam("requester") String name) {
    return Views.requester(find(name));
  }

  /** Withdraws a requester: its requests are refused from now on; its certificates stay valid until revoked. */
  @POST
  @Path("/{requester}/retirement")
  @RolesAllowed(Callers.ADMIN)
  public Response retire(@PathParam("requester") String name) {
    RequesterRecord row = find(name);
    if (row.status == RequesterRecord.Status.RETIRED) {
      throw new ApiError(ApiError.Kind.CONFLICT, "requester " + name + " was already retired at " + row.retiredAt);
    }
    RequesterRetired event = new RequesterRetired(new RequesterName(row.name), callers.current(), Instant.now());
    Commands.record(log, event, () -> {});
    return Response.accepted(Views.retired(event)).build();
  }

  private static RequesterRecord find(String name) {
    RequesterName requester;
    try {
      requester = new RequesterName(name);
    } catch (InvalidIdException e) {
      throw ApiError.notFound("requester " + name.replaceAll("[^A-Za-z0-9._@:-]", "?"));
    }
    RequesterRecord row = Db.read(() -> RequesterRecord.<RequesterRecord>findById(requester.value()));
    if (row == null) {
      throw ApiError.notFound("requester " + requester);
    }
    return row;
  }
}
