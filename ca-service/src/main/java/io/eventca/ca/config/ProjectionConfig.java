package io.eventca.ca.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** How the projection treats an event it cannot apply (it stops its partition there: service-kit's StuckPartitions). */
@ConfigMapping(prefix = "eventca.projection")
public interface ProjectionConfig {
  /**
   * Records an operator decided the projection skips, each {@code topic-partition@offset} exactly as the log line and
   * the readiness check name it; every skip is logged. Empty by default: nothing is ever skipped on its own.
   */
  Optional<List<String>> skipRecords();
}
