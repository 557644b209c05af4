package io.eventca.ca.api;

import io.eventca.events.errors.ErrorCode;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} is refused before it is read, as a 413
 * problem+json: Quarkus' own 413 for it has no body and no content type, and every error of this API is a problem.
 */
@Singleton
public class BodyLimit {
  private final long maxBytes;

  public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
    this.maxBytes = maxBodySize.asLongValue();
  }

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(ctx -> {
      String length = ctx.request().getHeader("Content-Length");
      long announced;
      try {
        announced = length == null ? -1 : Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        announced = -1;
      }
      if (announced > maxBytes) {
        ctx.response().setStatusCode(413).putHeader("Content-Type", ProblemMapping.PROBLEM_JSON).putHeader("Connection", "close")
            .end(new JsonObject(ProblemMapping.body(ApiError.refusal(ErrorCode.TOO_LARGE, "the body is larger than " + maxBytes + " bytes")))
                .encode());
        return;
      }
      ctx.next();
    });
  }
}
