package io.eventca.ca.api;

import io.eventca.events.profile.CertificateProfile;
import io.eventca.events.profile.CertificateProfiles;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The certificate profiles as data, so operators can see what a profile gives before asking for it. Public: they
 * are policy every relying party may read, and hold nothing about any caller.
 */
@PermitAll
@Path("/api/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

  @GET
  public List<CertificateProfile> list() {
    return CertificateProfiles.ALL;
  }

  @GET
  @Path("/{name}")
  public CertificateProfile get(@PathParam("name") String name) {
    return CertificateProfiles.byName(name).orElseThrow(() -> ApiError.notFound("profile " + name.replaceAll("[^a-z0-9-]", "?")));
  }
}
