package io.eventca.ca.projection;

import io.eventca.service.StuckPartitions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the projection is stopped at an event it cannot apply: the read model is then behind the log, and
 * answers from it (is this certificate revoked? may this client certificate log in?) would be wrong. The detail names
 * each stopped record, its event type, the error and how often it was tried.
 */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {
  private final ProjectionRunner runner;

  public ProjectionReadiness(ProjectionRunner runner) {
    this.runner = runner;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("ca-service-projection");
    boolean running = runner.running();
    response.withData("running", running);
    for (StuckPartitions.Stuck s : runner.stuck().current()) {
      response.withData(s.record(), io.eventca.service.StuckPartitions.describe(s));
    }
    return response.status(running && runner.stuck().healthy()).build();
  }
}
