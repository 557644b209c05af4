package io.eventca.ca.api;

import io.eventca.service.Problems;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.eventca.events.ids.InvalidIdException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The single edge where errors become application/problem+json (RFC 9457). */
public class ProblemMapping {
  public static final String PROBLEM_JSON = Problems.MEDIA_TYPE;
  private static final Logger LOG = Logger.getLogger(ProblemMapping.class);
  /** RFC 6750 section 3: a 401 names the scheme the caller should use. */
  private static final String CHALLENGE = "Bearer realm=\"eventca\"";

  private final SecurityIdentity identity;
  private final TokenClaims tokenClaims;

  public ProblemMapping(SecurityIdentity identity, TokenClaims tokenClaims) {
    this.identity = identity;
    this.tokenClaims = tokenClaims;
  }

  /** A search parameter that cannot be read (certificates and requests alike): a 400 naming it. */
  @ServerExceptionMapper
  public Response searchProblem(io.eventca.ca.search.SearchProblem e) {
    return apiError(ApiError.invalidField(e.parameter(), e.rule()).with("parameter", e.parameter()));
  }

  @ServerExceptionMapper
  public Response apiError(ApiError e) {
    Response.ResponseBuilder response = problemBuilder(e.kind().status(), e.kind().title, e.getMessage(), e.extensions());
    if (Problems.saysWhenToComeBack(e.kind().status())) {
      // RFC 9110 10.2.3: when to come back, in seconds; an outage gets a short default.
      response.header("Retry-After", e.extensions().getOrDefault("retryAfterSeconds", Problems.DEFAULT_RETRY_AFTER_SECONDS));
    }
    return response.build();
  }

  @ServerExceptionMapper
  public Response invalidId(InvalidIdException e) {
    return apiError(ApiError.invalidField(e.field(), e.getMessage().substring(e.field().length() + 1)));
  }

  /** In JSON's words, never Jackson's: those name Java classes (JsonProblems). */
  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e) {
    String field = JsonProblems.field(e);
    return problem(400, Problems.title(400), JsonProblems.detail(e), field.isEmpty() ? Map.of() : Map.of("field", field));
  }

  /** Quarkus maps these itself with an empty or plain JSON body; ours must win. */
  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e) {
    return unreadableJson(e);
  }

  /** No token on an endpoint that needs one. */
  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return problemBuilder(401, "Unauthorized", "this endpoint needs a bearer token (Authorization: Bearer <token>);"
        + " ./eventca-token mint makes one", Map.of()).header("WWW-Authenticate", CHALLENGE).build();
  }

  /**
   * A token that smallrye-jwt refused, or a client certificate that ClientCertificates refused. For a token, why
   * (expired, foreign key, wrong issuer) goes to the log, not to the caller; a client certificate's holder is told
   * what is wrong with it, since nothing else would tell them (their TLS handshake succeeded).
   */
  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e, HttpHeaders headers, HttpServerRequest request) {
    if (e.getCause() instanceof TokenClaimRefused refused) {
      return tokenClaimRefused(refused);
    }
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization == null && ClientCertificateFailure.presented(request)) {
      return problemBuilder(401, "Unauthorized", ClientCertificateFailure.detail(e, request), Map.of())
          .header("WWW-Authenticate", CHALLENGE).build();
    }
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      java.util.Optional<TokenClaimRefused> claim = tokenClaims.explain(authorization.substring(7).strip());
      if (claim.isPresent()) {
        return tokenClaimRefused(claim.get());
      }
    }
    LOG.debugf("bearer token refused: %s", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    return problemBuilder(401, "Unauthorized", "the bearer token was not accepted: it must be signed with the token-signing key,"
        + " issued by eventca and not expired", Map.of())
        .header("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"").build();
  }

  /** A signed token with a claim ./eventca-token would never write: which claim, and the rule it breaks. */
  private static Response tokenClaimRefused(TokenClaimRefused e) {
    return problemBuilder(401, "Unauthorized", "the bearer token's claim " + e.getMessage(), Map.of("claim", e.claim()))
        .header("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\", error_description=\"" + e.claim() + " claim refused\"")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    String caller = identity.isAnonymous() ? "the caller" : "'" + identity.getPrincipal().getName() + "' (roles "
        + String.join(", ", new java.util.TreeSet<>(identity.getRoles())) + ")";
    return problemBuilder(403, "Forbidden", caller + " may not do this; docs/SECURITY.md lists what each role may",
        Map.of()).build();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String title = Problems.title(status);
    return problem(status, title, e.getMessage() == null ? title : JsonProblems.withoutJavaNames(firstLine(e.getMessage())), Map.of());
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    LOG.error("unexpected error", e);
    return problem(500, "Internal error", "an unexpected error occurred; it has been logged", Map.of());
  }

  static Response problem(int status, String title, String detail, Map<String, Object> extensions) {
    return problemBuilder(status, title, detail, extensions).build();
  }

  private static Response.ResponseBuilder problemBuilder(int status, String title, String detail, Map<String, Object> extensions) {
    return Response.status(status).type(PROBLEM_JSON).entity(Problems.body(status, title, detail, extensions));
  }

  /** The problem+json body of an ApiError, for a door that answers before JAX-RS (BodyLimit). */
  static Map<String, Object> body(ApiError e) {
    return Problems.body(e.kind().status(), e.kind().title, e.getMessage(), e.extensions());
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
