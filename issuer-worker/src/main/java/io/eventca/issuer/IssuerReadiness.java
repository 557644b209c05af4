package io.eventca.issuer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the CA state is being read and requests are being consumed. */
@Readiness
@ApplicationScoped
public class IssuerReadiness implements HealthCheck {
  private final IssuerWorker worker;

  public IssuerReadiness(IssuerWorker worker) {
    this.worker = worker;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("issuer-worker").status(worker.isReady()).build();
  }
}
