package io.eventca.issuer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the CA state is being read and requests are being consumed, and while no partition of the state is stopped
 * at an event that cannot be applied; the detail names each stopped record.
 */
@Readiness
@ApplicationScoped
public class IssuerReadiness implements HealthCheck {
  private final IssuerWorker worker;

  public IssuerReadiness(IssuerWorker worker) {
    this.worker = worker;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("issuer-worker");
    for (var s : worker.stuck()) {
      response.withData(s.record(), io.eventca.service.StuckPartitions.describe(s));
    }
    return response.status(worker.isReady()).build();
  }
}
