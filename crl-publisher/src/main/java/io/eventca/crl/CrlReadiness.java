package io.eventca.crl;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the log has been replayed, and while no partition of it is stopped at an event that cannot be applied:
 * before that, a CRL served could be older than the log's. The detail names each stopped record.
 */
@Readiness
@ApplicationScoped
public class CrlReadiness implements HealthCheck {
  private final CrlPublisher publisher;

  public CrlReadiness(CrlPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("crl-publisher");
    for (var s : publisher.stuck()) {
      response.withData(s.record(), io.eventca.service.StuckPartitions.describe(s));
    }
    return response.status(publisher.isReady()).build();
  }
}
