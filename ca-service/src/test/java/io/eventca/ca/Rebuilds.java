package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import java.time.Duration;

/** Rebuilds of the read model as a test drives them, over REST. */
final class Rebuilds {
  static final String PATH = "/api/v1/admin/read-model/rebuilds";

  private Rebuilds() {}

  /** Until no rebuild runs on the service under test (none has run, or the latest finished). */
  static void awaitNoneRunning() {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
      Response latest = asAdmin().get(PATH + "/latest");
      return latest.statusCode() == 404 || latest.path("finishedAt") != null;
    });
  }
}
