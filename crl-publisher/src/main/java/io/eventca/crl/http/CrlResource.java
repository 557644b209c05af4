package io.eventca.crl.http;

import io.eventca.crl.CrlPublisher;
import io.eventca.crl.config.CrlConfig;
import io.eventca.crl.sign.Pem;
import io.eventca.crl.state.CaCrlState;
import io.eventca.crl.state.PublishedCrl;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The CRL distribution points named in every certificate: {@code /crls/<caId>.crl} (the full CRL, DER, RFC 5280
 * 4.2.1.13) and {@code /crls/<caId>-delta.crl} (the delta CRL, 4.2.1.15), each also as {@code .pem}. Serves the
 * newest CRL the log holds, with validators for cheap polling.
 */
@Path("/crls")
public class CrlResource {
  static final String PKIX_CRL = "application/pkix-crl";
  static final String PEM = "application/x-pem-file";
  private static final String DELTA = "-delta";

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
      throw new CrlError(CrlError.Kind.NOT_FOUND, "CRLs are served as <caId>.crl (DER), <caId>.pem, <caId>-delta.crl and <caId>-delta.pem");
    }
    String name = file.substring(0, file.length() - 4);
    boolean delta = name.endsWith(DELTA);
    CaId caId = new CaId(delta ? name.substring(0, name.length() - DELTA.length()) : name);
    PublishedCrl crl = publisher.projection().find(caId).map(delta ? CaCrlState::delta : CaCrlState::full)
        .orElseThrow(() -> new CrlError(CrlError.Kind.NOT_FOUND,
            "no " + (delta ? "delta " : "") + "CRL has been published for CA " + caId.value()));
    CrlPublished event = crl.event();
    EntityTag etag = new EntityTag(caId.value() + "-" + event.crlNumber());
    Date lastModified = Date.from(event.thisUpdate());
    CacheControl cache = cacheControl(event.nextUpdate());
    Response.ResponseBuilder notModified = request.evaluatePreconditions(lastModified, etag);
    if (notModified != null) {
      return notModified.cacheControl(cache).build();
    }
    if (!crl.held()) {
      return elsewhere(event, der);
    }
    byte[] body = der ? crl.der() : Pem.ofCrl(crl.der()).getBytes(StandardCharsets.US_ASCII);
    return Response.ok(body, der ? PKIX_CRL : PEM)
        .tag(etag)
        .lastModified(lastModified)
        .expires(Date.from(event.nextUpdate()))
        .cacheControl(cache)
        .build();
  }

  /**
   * A CRL too large for its event is held by the instance that built it, whose address the event names: send the
   * client there, unless that is this instance, which then is about to rebuild it (after a restart).
   */
  private Response elsewhere(CrlPublished event, boolean der) {
    String own = config.advertisedUrl().orElse(config.baseUrl()).replaceAll("/+$", "");
    String url = event.crlUrl();
    if (url == null || url.startsWith(own + "/")) {
      throw new CrlError(CrlError.Kind.UNAVAILABLE,
          "CRL " + event.crlNumber() + " of CA " + event.caId().value() + " is being rebuilt here; try again in a few seconds");
    }
    String target = der ? url : url.replaceAll("\\.crl$", ".pem");
    return Response.temporaryRedirect(URI.create(target)).build();
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
