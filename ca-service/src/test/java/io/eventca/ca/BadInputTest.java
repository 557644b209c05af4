package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input catalogue over HTTP. Every row of bad-input/cases.json (CSR fixtures in request-checks' hostile-csr/, made by
 * its HostileCsrFixtures, see hostile-csr/README.md): given an ACTIVE CA, when the row's
 * request is sent with an admin token, then the answer is the row's 4xx as application/problem+json (naming the broken
 * field where the row names one), never a 5xx, and nothing changed: no new event on any topic ca-service writes or
 * projects, and the same rows in every projection table.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BadInputTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  /** A Java type as Jackson and stack traces write it: io.eventca.ca.api.RequestCertificateBody, `java.lang.Integer`. */
  private static final java.util.regex.Pattern JAVA_NAME =
      java.util.regex.Pattern.compile("`|\\b(?:java|javax|jakarta|io|org|com)\\.[a-z0-9_]+\\.|\\b[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+\\b");
  private static final List<Topic> TOPICS = List.of(Topic.REQUESTS, Topic.REVOCATIONS, Topic.ISSUANCE, Topic.REGISTRY);
  private static EventProbe probe;
  private static String activeCaId;

  static Stream<Arguments> cases() throws Exception {
    try (InputStream in = BadInputTest.class.getResourceAsStream("/bad-input/cases.json")) {
      JsonNode all = new ObjectMapper().readTree(in);
      List<Arguments> cases = new ArrayList<>();
      all.forEach(c -> cases.add(Arguments.of(c.path("category").asText("fields") + ": " + c.get("name").asText(), c)));
      return cases.stream();
    }
  }

  @AfterAll
  static void closeProbe() {
    if (probe != null) {
      probe.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithAProblem_neverA5xx_andNothingChanges(String name, JsonNode c) throws Exception {
    // Given an ACTIVE CA, and the state before the request.
    String caId = activeCa();
    Map<String, Object> before = state();

    // When the hostile request is sent.
    Response response = send(c, caId);

    // Then a 4xx problem naming the field, and the same state as before.
    int status = response.statusCode();
    assertThat(status).as("never a 5xx: " + response.asString()).isLessThan(500);
    response.then().statusCode(c.get("status").asInt()).contentType("application/problem+json")
        .body("status", equalTo(c.get("status").asInt()));
    if (c.hasNonNull("code")) {
      // eventca's one vocabulary (ErrorCode): the code a Kafka requester reads for the same refusal, and its type.
      response.then().body("code", equalTo(c.get("code").asText())).body("type", equalTo("urn:eventca:error:" + c.get("code").asText()));
    }
    if (c.hasNonNull("field")) {
      response.then().body("field", equalTo(c.get("field").asText()));
    }
    if (c.hasNonNull("claim")) {
      response.then().body("claim", equalTo(c.get("claim").asText()));
    }
    assertThat(response.<String>path("title") + " " + response.<String>path("detail")).as("no problem names a Java class or package")
        .doesNotContainPattern(JAVA_NAME);
    assertThat(state()).as("nothing recorded, nothing projected").isEqualTo(before);
  }

  /** Not an error at all, but the largest offset must not overflow into a 500: an empty page. */
  @Test
  void givenTheLargestOffset_whenSearching_thenAnEmptyPage_notAServerError() throws Exception {
    activeCa();
    Map<String, Object> before = state();

    Response response = asAdmin().get("/api/v1/certificates?offset=2147483647&limit=1000");

    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    response.then().body("count", equalTo(0));
    assertThat(state()).isEqualTo(before);
  }

  private static Response send(JsonNode c, String caId) throws Exception {
    // A row's "token" is an admin token's claims with some replaced (HostileTokens), for the token-claim rows.
    RequestSpecification caller = c.hasNonNull("token") ? given().auth().oauth2(HostileTokens.mint(c.get("token"))) : asAdmin();
    RequestSpecification request = caller.urlEncodingEnabled(false)
        .contentType(c.hasNonNull("contentType") ? c.get("contentType").asText() : ContentType.JSON.toString());
    c.path("headers").fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
    if (c.hasNonNull("raw")) {
      request.body(c.get("raw").asText());
    } else if (c.hasNonNull("rawBase64")) {
      request.body(Base64.getDecoder().decode(c.get("rawBase64").asText()));
    } else if (c.hasNonNull("rawRepeat")) {
      JsonNode r = c.get("rawRepeat");
      request.body((r.get("prefix").asText() + r.get("unit").asText().repeat(r.get("times").asInt()) + r.get("suffix").asText())
          .getBytes(StandardCharsets.UTF_8));
    } else if (c.hasNonNull("body") || c.hasNonNull("csrFile")) {
      request.body(body(c).toString().getBytes(StandardCharsets.UTF_8));
    }
    String path = c.get("path").asText().replace("{caId}", caId);
    return "GET".equals(c.path("method").asText("POST")) ? request.get(path) : request.post(path);
  }

  /** The row's body, with its CSR fixture, repeated field and generated list put in. */
  private static ObjectNode body(JsonNode c) throws Exception {
    ObjectNode body = c.hasNonNull("body") ? ((ObjectNode) c.get("body")).deepCopy() : new ObjectMapper().createObjectNode();
    if (c.hasNonNull("csrFile")) {
      try (InputStream in = BadInputTest.class.getResourceAsStream("/hostile-csr/" + c.get("csrFile").asText())) {
        body.put("csr", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
      }
    }
    if (c.hasNonNull("bodyRepeat")) {
      JsonNode r = c.get("bodyRepeat");
      body.put(r.get("field").asText(), r.get("unit").asText().repeat(r.get("times").asInt()));
    }
    if (c.hasNonNull("bodyList")) {
      JsonNode l = c.get("bodyList");
      ArrayNode list = body.putArray(l.get("field").asText());
      for (int i = 0; i < l.get("times").asInt(); i++) {
        list.add(String.format(l.get("item").asText(), i));
      }
    }
    return body;
  }

  /** What a bad request must not change: the end of every topic, and the row count of every table. */
  private static Map<String, Object> state() throws Exception {
    Map<String, Object> state = new LinkedHashMap<>();
    for (Topic topic : TOPICS) {
      Map<TopicPartition, Long> ends = probe().endOffsets(topic);
      state.put(topic.topicName(), new TreeMap<>(ends.entrySet().stream()
          .collect(java.util.stream.Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue))));
    }
    var config = ConfigProvider.getConfig();
    try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
            config.getValue("quarkus.datasource.username", String.class), "");
        Statement s = db.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
          + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables).as("the projection tables").contains("ca", "certificate", "certificate_request", "requester_key");
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
          rs.next();
          state.put("table " + table, rs.getLong(1));
        }
      }
    }
    return state;
  }

  private static synchronized EventProbe probe() {
    if (probe == null) {
      probe = new EventProbe(KafkaBroker.bootstrapServers());
    }
    return probe;
  }

  /** One ACTIVE CA for every row (the issuer-worker's part played by FakeIssuer), made on first use. */
  private static synchronized String activeCa() {
    if (activeCaId == null) {
      String caId = asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", "Hostile Input CA"))
          .post("/api/v1/cas").then().statusCode(202).extract().path("caId");
      CaCreationRequested requested =
          probe().await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT);
      probe().publish(new FakeIssuer().created(requested));
      await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));
      activeCaId = caId;
    }
    return activeCaId;
  }
}
