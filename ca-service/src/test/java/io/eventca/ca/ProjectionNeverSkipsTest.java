package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eventca.ca.model.Columns;
import io.eventca.checks.subject.Subjects;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the projection never skips an event. One it cannot apply stops its partition, readiness says so and why,
 * the metrics count it, and it is applied once the cause is fixed, before anything behind it. Before, it was logged
 * ("giving up on ...") and skipped: a certificate eventca had issued could not be found or revoked.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ProjectionNeverSkipsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static EventProbe probe;
  private final FakeIssuer issuer = new FakeIssuer();

  @BeforeAll
  static void probe() {
    probe = new EventProbe(KafkaBroker.bootstrapServers());
  }

  @AfterAll
  static void close() throws SQLException {
    probe.close();
    sql("ALTER TABLE certificate DROP CONSTRAINT IF EXISTS test_refuses_stuck");
  }

  @Test
  void givenAnEventTheDatabaseRefuses_thenItsPartitionStopsThereUntilTheFix_andNothingIsLost() throws Exception {
    String caId = asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", "Stuck CA"))
        .post("/api/v1/cas").then().statusCode(202).extract().path("caId");
    CaCreationRequested requested = probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
    probe.publish(issuer.created(requested));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));

    // Given the database refuses one certificate (a stand-in for any cause: a full disk, a constraint, a bug) ...
    sql("ALTER TABLE certificate ADD CONSTRAINT test_refuses_stuck CHECK (request_id NOT LIKE 'stuck-%')");
    CertificateIssued refused = issued(caId, "stuck-" + RequestId.random());
    CertificateIssued behind = issued(caId, RequestId.random().value());
    // ... when it and a later certificate of the same CA (the same partition) arrive,
    probe.publish(refused);
    probe.publish(behind);

    // then readiness goes down and names the record and the error, and the metrics count it,
    await().atMost(TIMEOUT).untilAsserted(() -> {
      String ready = RestAssured.given().get("/q/health/ready").then().statusCode(503).extract().asString();
      assertThat(ready).contains("ca-service-projection").contains("certificate-issued").contains("test_refuses_stuck");
    });
    String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).containsPattern("eventca_projection_stuck_partitions(\\{[^}]*\\})? 1\\.0")
        .containsPattern("eventca_projection_apply_failures_total(\\{[^}]*\\})? [1-9]");
    // nothing behind it on its partition is applied out of order, and it is not skipped:
    assertThat(found(caId, refused)).isFalse();
    assertThat(found(caId, behind)).isFalse();

    // when the cause is fixed, both are applied, in order, and readiness comes back.
    sql("ALTER TABLE certificate DROP CONSTRAINT test_refuses_stuck");
    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(found(caId, refused)).isTrue();
      assertThat(found(caId, behind)).isTrue();
    });
    await().atMost(TIMEOUT).untilAsserted(() -> RestAssured.given().get("/q/health/ready").then().statusCode(200));
  }

  /** The widths the migrations create are the ones Columns names, and a subject the issuer can sign always fits. */
  @Test
  void theColumnsAreAsWideAsColumnsSays_andTheSubjectColumnsHoldTheLongestSubject() throws SQLException {
    Map<String, Integer> actual = new HashMap<>();
    try (Connection db = connection(); Statement query = db.createStatement();
        ResultSet rs = query.executeQuery("SELECT table_name, column_name, character_maximum_length FROM information_schema.columns"
            + " WHERE table_schema = current_schema() AND character_maximum_length IS NOT NULL")) {
      while (rs.next()) {
        actual.put(rs.getString(1) + "." + rs.getString(2), rs.getInt(3));
      }
    }
    Columns.WIDTHS.forEach((column, width) -> assertThat(actual.get(column)).as(column).isEqualTo(width));
    assertThat(Columns.SUBJECT_DN).isGreaterThanOrEqualTo(Subjects.MAX_RENDERED_LENGTH);
    assertThat(Columns.COMMON_NAME).isGreaterThanOrEqualTo(io.eventca.checks.subject.SubjectAttribute.COMMON_NAME.maxLength());
  }

  private CertificateIssued issued(String caId, String requestId) {
    CertificateRequested request = new CertificateRequested(new CaId(caId), new RequestId(requestId),
        Csrs.csrPem(Csrs.ecP256(), "CN=stuck.example.internal"), "server", 30, "admin", Instant.now(), null);
    return issuer.issued(request, "Stuck CA");
  }

  private static boolean found(String caId, CertificateIssued issued) {
    return asAdmin().get("/api/v1/cas/" + caId + "/certificates/" + issued.serialNumber().hex()).statusCode() == 200;
  }

  private static void sql(String statement) throws SQLException {
    try (Connection db = connection(); Statement s = db.createStatement()) {
      s.execute(statement);
    }
  }

  private static Connection connection() throws SQLException {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class), "");
  }
}
