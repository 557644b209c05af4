package io.eventca.crl.http;

import io.eventca.crl.ocsp.NotAnOcspRequestException;
import io.eventca.crl.ocsp.OcspResponder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * The OCSP responder named in every certificate's authorityInfoAccess: {@code POST /ocsp} with the DER request
 * as body, or {@code GET /ocsp/<url-encoded base64 of it>} (RFC 6960 A.1), which caches may keep until
 * nextUpdate (RFC 5019 6.2). OCSP-level refusals (unauthorized, tryLater) are 200 answers as RFC 6960 wants;
 * only bytes that are not an OCSP request get a 4xx problem.
 */
@Path("/ocsp")
public class OcspResource {
  static final String OCSP_REQUEST = "application/ocsp-request";
  static final String OCSP_RESPONSE = "application/ocsp-response";
  /** Far above any real request (a few hundred bytes), low enough that nobody can make us buffer much. */
  static final int MAX_REQUEST_BYTES = 64 * 1024;

  private final OcspResponder responder;

  public OcspResource(OcspResponder responder) {
    this.responder = responder;
  }

  @POST
  @Consumes(OCSP_REQUEST)
  public Response post(InputStream body) {
    return Response.ok(answer(readAtMost(body)).der(), OCSP_RESPONSE).build();
  }

  @GET
  @Path("/{request: .+}")
  public Response get(@Encoded @PathParam("request") String encoded) {
    OcspResponder.Answer answer = answer(base64(encoded));
    Response.ResponseBuilder ok = Response.ok(answer.der(), OCSP_RESPONSE);
    if (answer.nextUpdate() == null) {
      // tryLater and unauthorized change as soon as the log does: never cache them.
      return ok.cacheControl(CacheControl.valueOf("no-store")).build();
    }
    long untilNext = Math.max(0, Duration.between(Instant.now(), answer.nextUpdate()).toSeconds());
    CacheControl cache = CacheControl.valueOf("public, no-transform, must-revalidate");
    cache.setMaxAge((int) Math.min(untilNext, Integer.MAX_VALUE));
    return ok.cacheControl(cache)
        .lastModified(Date.from(answer.thisUpdate()))
        .expires(Date.from(answer.nextUpdate()))
        .build();
  }

  private OcspResponder.Answer answer(byte[] der) {
    try {
      return responder.respond(der);
    } catch (NotAnOcspRequestException e) {
      throw new CrlError(CrlError.Kind.BAD_REQUEST, e.getMessage());
    }
  }

  private static byte[] readAtMost(InputStream body) {
    try {
      byte[] bytes = body.readNBytes(MAX_REQUEST_BYTES + 1);
      if (bytes.length > MAX_REQUEST_BYTES) {
        throw new CrlError(CrlError.Kind.TOO_LARGE, "an OCSP request is at most " + MAX_REQUEST_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Percent-decodes the path segment without turning '+' into a space (that is form encoding, not path encoding),
   * so both the RFC's URL-encoded base64 and clients that send raw base64 work.
   */
  private static byte[] base64(String encoded) {
    try {
      String text = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
      return text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new CrlError(CrlError.Kind.BAD_REQUEST, "GET /ocsp/{request} takes the URL-encoded base64 of a DER OCSPRequest");
    }
  }
}
