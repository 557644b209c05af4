package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eventca.ca.rebuild.ReadModelTables;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRejected;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.cert.Channel;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.bouncycastle.asn1.x509.GeneralName;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, rebuild by replay: given a mixed history on the log (CAs and an intermediate, certificates issued over
 * REST and the fleet topic, refused, revoked, a CA and a requester retired), when an admin rebuilds the read model,
 * then the API answers all along, and the rebuilt tables equal the live ones they replaced row for row: every table
 * of the read model, every row, every column but those that only say in which order this database applied the
 * events. The history of the other test classes of this JVM is on the same log, so it is compared too.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ReadModelRebuildTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Numbered by the order of application (cursor and timeline tie-breakers) or stamped when applied: not facts. */
  private static final Set<String> ORDER_COLUMNS = Set.of("certificate.issued_seq", "certificate_request.recorded_seq", "certificate_fact.seq",
      "applied_event.applied_at", "refused_fact.refused_at");
  private static EventProbe probe;
  private final FakeIssuer issuer = new FakeIssuer();

  @BeforeAll
  static void probe() {
    probe = new EventProbe(KafkaBroker.bootstrapServers());
  }

  @AfterAll
  static void close() {
    probe.close();
  }

  @Test
  void aRebuiltReadModelEqualsTheLiveOneRowForRow_andTheApiAnswersWhileItRuns() throws Exception {
    Rebuilds.awaitNoneRunning();
    String rootId = createActiveCa(Map.of("commonName", "Rebuild Root", "pathLength", 1));
    String intermediateId = createActiveCa(Map.of("commonName", "Rebuild Issuing", "parentCaId", rootId, "validityDays", 30));
    String serial = requestOverRest(intermediateId, "CN=rebuild.example", true);
    requestOverRest(intermediateId, "CN=refused.rebuild.example", false);
    asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
        .post("/api/v1/cas/" + intermediateId + "/certificates/" + serial + "/revocation").then().statusCode(202);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CertificateIssued fleet = issuer.issuedDirectly(new CaId(intermediateId), "Rebuild Issuing", "CN=fleet.rebuild.example",
        List.of(new GeneralName(GeneralName.dNSName, "fleet.rebuild.example")), Csrs.ecP256(), "server", now, now.plus(Duration.ofDays(7)),
        "svc-rebuild", Channel.fleet);
    probe.publish(fleet);
    probe.publish(new CertificateRejected(new CaId(intermediateId), RequestId.random(), "name-not-allowed", "svc-rebuild may not have db.internal",
        "ab".repeat(32), "svc-rebuild", Channel.fleet));
    String spareId = createActiveCa(Map.of("commonName", "Rebuild Spare"));
    asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "rebuild test")).post("/api/v1/cas/" + spareId + "/retirement")
        .then().statusCode(202);
    registerAndRetireRequester("rebuild-requester");
    await().atMost(TIMEOUT).untilAsserted(() -> {
      asAdmin().get("/api/v1/cas/" + spareId).then().body("status", equalTo("RETIRED"));
      asAdmin().get("/api/v1/cas/" + intermediateId + "/certificates/" + serial).then().body("status", equalTo("REVOKED"));
      asAdmin().get("/api/v1/cas/" + intermediateId + "/certificates/" + fleet.serialNumber().hex()).then().statusCode(200);
    });
    awaitTheLiveProjectionCaughtUp();
    int liveCertificates = certificatesOf(intermediateId);
    assertThat(liveCertificates).isEqualTo(2);

    Response started = asAdmin().post(Rebuilds.PATH);
    started.then().statusCode(202).header("Location", org.hamcrest.Matchers.endsWith(Rebuilds.PATH + "/latest"));
    List<String> states = new ArrayList<>();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
      Response latest = asAdmin().get(Rebuilds.PATH + "/latest");
      latest.then().statusCode(200);
      states.add(latest.path("state"));
      // The API answers from the live model all along, and it holds the same.
      assertThat(certificatesOf(intermediateId)).as("certificates of the CA while the rebuild is " + latest.path("state")).isEqualTo(2);
      return latest.path("finishedAt") != null;
    });
    Response done = asAdmin().get(Rebuilds.PATH + "/latest");
    done.then().body("state", equalTo("DONE")).body("error", equalTo(null));
    long read = done.<Number>path("eventsRead").longValue();
    assertThat(read).as("events read").isEqualTo(done.<Number>path("eventsTotal").longValue()).isGreaterThan(10);
    String retired = done.path("retiredSchema");
    assertThat(retired).startsWith("retired_");
    assertThat(states).last().isEqualTo("DONE");

    try (Connection db = connection()) {
      assertThat(count(db, retired + ".certificate")).as("the retired model is the one the live projection wrote").isGreaterThanOrEqualTo(2);
      for (String table : ReadModelTables.PROJECTED) {
        List<String> differences = differences(db, table, retired);
        assertThat(differences).as(table + ": rows only in one of the live model (" + retired + ") and the rebuilt one (public)").isEmpty();
        assertThat(count(db, "public." + table)).as(table + " rows").isEqualTo(count(db, retired + "." + table));
      }
      assertThat(count(db, "public.certificate_fact")).as("the timeline was rebuilt too").isPositive();
      assertThat(ReadModelTables.unclassified(db, "public")).as("every table is projected or kept").isEmpty();
      try (ResultSet schemas = db.createStatement().executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'rebuild\\_%'")) {
        schemas.next();
        assertThat(schemas.getInt(1)).as("the rebuild's own schema is gone once it switched").isZero();
      }
    }
    // And the rebuilt model is the one answering: with the same rows as before, and what comes next lands in it.
    assertThat(certificatesOf(intermediateId)).isEqualTo(2);
    asAdmin().get("/api/v1/cas/" + intermediateId + "/certificates/" + serial + "/history").then().statusCode(200)
        .body("eventType", org.hamcrest.Matchers.hasItems("io.eventca.certificate-requested.v1", "io.eventca.certificate-issued.v1", "io.eventca.certificate-revoked.v1"));
    requestOverRest(intermediateId, "CN=after.rebuild.example", true);
    assertThat(certificatesOf(intermediateId)).isEqualTo(3);
  }

  /** Two instances on one database: the one that holds the lock rebuilds, the other ends at once and touches nothing. */
  @Test
  void aRebuildWhileAnotherInstanceRebuilds_failsAtOnce_andLeavesNoSchema() throws Exception {
    Rebuilds.awaitNoneRunning();
    try (Connection other = connection(); Statement lock = other.createStatement()) {
      lock.execute("SELECT pg_advisory_lock(hashtext('eventca-read-model-rebuild'))");
      asAdmin().post(Rebuilds.PATH).then().statusCode(202);
      Rebuilds.awaitNoneRunning();
      asAdmin().get(Rebuilds.PATH + "/latest").then().body("state", equalTo("FAILED"))
          .body("error", equalTo("another ca-service instance is rebuilding the read model")).body("retiredSchema", equalTo(null));
      try (ResultSet schemas = lock.executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'rebuild\\_%'")) {
        schemas.next();
        assertThat(schemas.getInt(1)).isZero();
      }
    }
  }

  @Test
  void onlyAnAdminRebuilds() {
    TestTokens.as(TestTokens.OPERATOR, "operator").post(Rebuilds.PATH).then().statusCode(403).contentType("application/problem+json");
    TestTokens.as(TestTokens.OPERATOR, "operator").get(Rebuilds.PATH + "/latest").then().statusCode(403);
  }

  private static int certificatesOf(String caId) {
    Response page = asAdmin().queryParam("caId", caId).get("/api/v1/certificates");
    page.then().statusCode(200);
    return page.jsonPath().getList("items").size();
  }

  private String createActiveCa(Map<String, Object> body) {
    String caId = asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/cas").then().statusCode(202).extract().path("caId");
    CaCreationRequested requested = probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
    probe.publish(issuer.created(requested));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));
    return caId;
  }

  /** A REST request the (fake) worker issues or refuses; the serial when issued. */
  private String requestOverRest(String caId, String subject, boolean issue) {
    CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> {
      CertificateRequested r = probe.await(Topic.REQUESTS, CertificateRequested.class,
          e -> e.caId().value().equals(caId) && !answered.contains(e.requestId().value()), TIMEOUT);
      answered.add(r.requestId().value());
      probe.publish(issue ? issuer.issued(r, "Rebuild Issuing")
          : new CertificateRejected(r.caId(), r.requestId(), "lint-failed", "rule SanContainsCommonName failed"));
    });
    Response answer = asAdmin().contentType(ContentType.JSON).header("Prefer", "wait=15")
        .body(Map.of("csr", Csrs.csrPem(Csrs.ecP256(), subject), "profile", "server", "validityDays", 10)).post("/api/v1/cas/" + caId + "/certificates");
    answer.then().log().ifValidationFails().statusCode(issue ? 201 : 422);
    worker.join();
    return issue ? answer.path("serialNumber") : null;
  }

  /** The requests the fake worker answered already (this test sends them one at a time). */
  private final Set<String> answered = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static void registerAndRetireRequester(String name) {
    String key = Csrs.pem(Csrs.ecP256().getPublic());
    asAdmin().contentType(ContentType.JSON).body(Map.of("name", name, "publicKeyPem", key, "allowedNames", List.of("*.rebuild.internal"),
        "allowedProfiles", List.of("server"), "maxValidityDays", 30)).post("/api/v1/requesters").then().statusCode(org.hamcrest.Matchers.anyOf(
            equalTo(201), equalTo(200)));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/requesters/" + name).then().statusCode(200));
    asAdmin().post("/api/v1/requesters/" + name + "/retirement").then().statusCode(202);
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/requesters/" + name).then().body("status", equalTo("RETIRED")));
  }

  /** Until the live projection's group has committed every committed record of its topics. */
  private static void awaitTheLiveProjectionCaughtUp() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets("eventca-ca-service-projection").partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        return !committed.isEmpty() && committed.entrySet().stream().allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
      });
    }
  }

  /** The rows of {@code table} in one schema and not the other, both ways, each as text (at most 10). */
  private static List<String> differences(Connection db, String table, String retired) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (var statement = db.prepareStatement(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          if (!ORDER_COLUMNS.contains(table + "." + rows.getString(1))) {
            columns.add("\"" + rows.getString(1) + "\"::text");
          }
        }
      }
    }
    assertThat(columns).as(table + " columns").isNotEmpty();
    String select = "SELECT " + String.join(", ", columns) + " FROM ";
    String sql = "(" + select + retired + "." + table + " EXCEPT ALL " + select + "public." + table + ") UNION ALL ("
        + select + "public." + table + " EXCEPT ALL " + select + retired + "." + table + ") LIMIT 10";
    List<String> found = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
          values.add(rows.getString(i));
        }
        found.add(String.join(" | ", values));
      }
    }
    return found;
  }

  private static long count(Connection db, String table) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Connection connection() throws SQLException {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class), config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
  }
}
