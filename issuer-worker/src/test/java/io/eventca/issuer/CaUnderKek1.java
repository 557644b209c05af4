package io.eventca.issuer;

import io.eventca.events.Topics;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A CA whose key was wrapped under kek-1, put on the log before the worker starts, as a worker of the previous
 * configuration left it. The worker under test starts with kek-2 current and kek-1 previous (application.properties),
 * so it must re-wrap this key at start-up. Global like every Quarkus test resource: it runs before the one boot.
 */
public class CaUnderKek1 implements QuarkusTestResourceLifecycleManager {
  static final String CA_ID_PROPERTY = "test.ca-under-kek-1";

  @Override
  public Map<String, String> start() {
    String bootstrap = KafkaBroker.bootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Topics.ensureAll(admin, 6, (short) 1);
    }
    TestCa ca = TestCa.ecP256();
    try (EventProbe probe = new EventProbe(bootstrap)) {
      probe.publish(ca.stored);
      probe.publish(ca.created);
    }
    return Map.of(CA_ID_PROPERTY, ca.caId().value());
  }

  @Override
  public void stop() {
    // The broker lives as long as the test JVM.
  }
}
