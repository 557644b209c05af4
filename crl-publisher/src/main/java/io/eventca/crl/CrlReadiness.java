package io.eventca.crl;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the log has been replayed: before that, a CRL served could be older than the log's. */
@Readiness
@ApplicationScoped
public class CrlReadiness implements HealthCheck {
  private final CrlPublisher publisher;

  public CrlReadiness(CrlPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("crl-publisher").status(publisher.isReady()).build();
  }
}
