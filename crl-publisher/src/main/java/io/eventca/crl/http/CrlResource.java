package io.eventca.crl.http;

import io.eventca.crl.CrlPublisher;
import io.eventca.crl.config.CrlConfig;
import io.eventca.crl.sign.CrlBuilder;
import io.eventca.events.crl.CrlPublished;
import io.eventca.events.ids.CaId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The CRL distribution point named in every certificate: {@code /crls/<caId>.crl} (DER, RFC 5280 4.2.1.13)
 * and {@code /crls/<caId>.pem}. Serves the newest CRL the log holds, with validators for cheap polling.
 */
@Path("/crls")
public class CrlResource {
  static final String PKIX_CRL = "application/pkix-crl";
  static final String PEM = "application/x-pem-file";

  private final CrlPublisher publisher;
  private final CrlConfig config;

  public CrlResource(CrlPublisher publisher, CrlConfig config) {
    this.publisher = publisher;
    this.config = config;
  }

  @GET
  @Path("/{file}")
  public Response crl(@PathParam("file") String file, @Context Request request) {
    boolean der = file.endsWith(".crl");
    if (!der && !file.endsWith(".pem")) {
      throw new CrlError(CrlError.Kind.NOT_FOUND, "CRLs are served as <caId>.crl (DER) or <caId>.pem");
    }
    CaId caId = new CaId(file.substring(0, file.length() - 4));
    CrlPublished crl =
        publisher.projection().find(caId).map(ca -> ca.latest())
            .orElseThrow(() -> new CrlError(CrlError.Kind.NOT_FOUND, "no CRL has been published for CA " + caId.value()));
    EntityTag etag = new EntityTag(caId.value() + "-" + crl.crlNumber());
    Date lastModified = Date.from(crl.thisUpdate());
    CacheControl cache = cacheControl(crl.nextUpdate());
    Response.ResponseBuilder notModified = request.evaluatePreconditions(lastModified, etag);
    if (notModified != null) {
      return notModified.cacheControl(cache).build();
    }
    byte[] body = der ? CrlBuilder.derOfPem(crl.crlPem()) : crl.crlPem().getBytes(StandardCharsets.US_ASCII);
    return Response.ok(body, der ? PKIX_CRL : PEM)
        .tag(etag)
        .lastModified(lastModified)
        .expires(Date.from(crl.nextUpdate()))
        .cacheControl(cache)
        .build();
  }

  /** Never cached past nextUpdate, and never longer than the configured bound, so revocations spread fast. */
  private CacheControl cacheControl(Instant nextUpdate) {
    long untilNext = Math.max(0, Duration.between(Instant.now(), nextUpdate).toSeconds());
    CacheControl cache = new CacheControl();
    cache.setMaxAge((int) Math.min(untilNext, config.httpMaxAge().toSeconds()));
    cache.setNoTransform(false);
    return cache;
  }
}
