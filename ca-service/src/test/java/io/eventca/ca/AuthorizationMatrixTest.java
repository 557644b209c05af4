package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.testkit.Csrs;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of authz/endpoints.csv x every kind of caller: no token and bad tokens get 401, a role that may
 * not get 403, another requester's things are 404, and allowed callers get the endpoint's normal answer. Real
 * broker, real PostgreSQL, real tokens; the issuer-worker's part is played by FakeIssuer.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AuthorizationMatrixTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String REQUESTER = "matrix-requester";
  private static final String OTHER = "matrix-other";
  private static final String PASSPHRASE = "matrix passphrase 1";
  private static Fixtures fixtures;

  /** The kinds of caller; column is the CSV column whose outcome applies. */
  enum Caller {
    NO_TOKEN("anonymous"),
    EXPIRED_TOKEN("anonymous"),
    TOKEN_OF_ANOTHER_KEY("anonymous"),
    TOKEN_OF_ANOTHER_ISSUER("anonymous"),
    TOKEN_LIVING_FIFTY_YEARS("anonymous"),
    TOKEN_ISSUED_IN_THE_FUTURE("anonymous"),
    TOKEN_WITHOUT_SUBJECT("anonymous"),
    TOKEN_WITH_A_NUL_IN_ITS_SUBJECT("anonymous"),
    TOKEN_WITH_GROUPS_AS_A_STRING("anonymous"),
    ADMIN("admin"),
    OPERATOR("operator"),
    REQUESTER("requester"),
    OTHER_REQUESTER("other");

    final String column;

    Caller(String column) {
      this.column = column;
    }

    RequestSpecification request() {
      RequestSpecification spec = given().urlEncodingEnabled(false);
      return switch (this) {
        case NO_TOKEN -> spec;
        case EXPIRED_TOKEN -> spec.auth().oauth2(TestTokens.expired());
        case TOKEN_OF_ANOTHER_KEY -> spec.auth().oauth2(TestTokens.signedByAnotherKey());
        case TOKEN_OF_ANOTHER_ISSUER -> spec.auth().oauth2(TestTokens.wrongIssuer());
        // An admin's token but for one claim: without the claim checks each of these would be an admin.
        case TOKEN_LIVING_FIFTY_YEARS -> spec.auth().oauth2(HostileTokens.mint(Map.of("exp", "now+1577880000")));
        case TOKEN_ISSUED_IN_THE_FUTURE -> spec.auth().oauth2(HostileTokens.mint(Map.of("iat", "now+2592000", "exp", "now+2595600")));
        case TOKEN_WITHOUT_SUBJECT -> spec.auth().oauth2(HostileTokens.mint(Map.of("sub", "", "upn", "")));
        case TOKEN_WITH_A_NUL_IN_ITS_SUBJECT -> spec.auth().oauth2(HostileTokens.mint(Map.of("sub", "admin\u0000x", "upn", "admin\u0000x")));
        case TOKEN_WITH_GROUPS_AS_A_STRING -> spec.auth().oauth2(HostileTokens.mint(Map.of("groups", "admin")));
        case ADMIN -> spec.auth().oauth2(TestTokens.token(TestTokens.ADMIN, "admin"));
        case OPERATOR -> spec.auth().oauth2(TestTokens.token(TestTokens.OPERATOR, "operator"));
        case REQUESTER -> spec.auth().oauth2(TestTokens.token(AuthorizationMatrixTest.REQUESTER, "requester"));
        case OTHER_REQUESTER -> spec.auth().oauth2(TestTokens.token(AuthorizationMatrixTest.OTHER, "requester"));
      };
    }
  }

  record Row(String method, String path, String body, Map<String, String> outcomes) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** An ACTIVE CA, and a certificate REQUESTER asked for with a passphrase (so eventca holds its key). */
  record Fixtures(String caId, String requestId, String serial, String spareCaId) {}

  /** Registered by the fixtures (so GET finds it) and by every admin call of POST /api/v1/requesters. */
  private static final String MATRIX_REQUESTER = "matrix-registered";

  static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    String[] columns = null;
    try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream("/authz/endpoints.csv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = Arrays.stream(line.replaceFirst("^#\\s*", "").split("\\|")).map(String::strip).toArray(String[]::new);
        if (line.startsWith("#")) {
          if (cells[0].equals("method")) {
            columns = cells;
          }
          continue;
        }
        assertThat(columns).as("the header line (# method | path | ...) comes first").isNotNull();
        assertThat(cells).as(line).hasSameSizeAs(columns);
        Map<String, String> outcomes = new java.util.HashMap<>();
        for (int i = 3; i < cells.length; i++) {
          assertThat(cells[i]).as(line).isIn("2xx", "allowed", "401", "403", "404");
          outcomes.put(columns[i], cells[i]);
        }
        rows.add(new Row(cells[0], cells[1], cells[2], outcomes));
      }
    }
    return rows;
  }

  static Stream<Arguments> endpointsTimesCallers() throws IOException {
    List<Arguments> all = new ArrayList<>();
    for (Row row : rows()) {
      for (Caller caller : Caller.values()) {
        all.add(Arguments.of(row, caller));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("endpointsTimesCallers")
  void everyEndpointAnswersEveryCallerAsTheTableSays(Row row, Caller caller) {
    Fixtures f = fixtures();
    String path = row.path().replace("{spareCaId}", f.spareCaId()).replace("{caId}", f.caId()).replace("{serial}", f.serial())
        .replace("{requestId}", f.requestId()).replace("{name}", "server").replace("{requester}", MATRIX_REQUESTER);
    RequestSpecification request = caller.request();
    String body = body(row.body(), f);
    if (body != null) {
      request = request.contentType(ContentType.JSON).body(body);
    }
    Response response = row.method().equals("POST") ? request.post(path) : request.get(path);
    if (path.equals(Rebuilds.PATH) && response.statusCode() == 202) {
      Rebuilds.awaitNoneRunning(); // the admin's POST rebuilt the read model: done before anything else reads it
    }

    String expected = row.outcomes().get(caller.column);
    String what = row + " by " + caller + ": " + response.statusCode() + " " + response.asString();
    switch (expected) {
      case "2xx" -> assertThat(response.statusCode()).as(what).isBetween(200, 299);
      case "allowed" -> assertThat(response.statusCode()).as(what).isBetween(200, 499).isNotIn(401, 403);
      default -> {
        int status = Integer.parseInt(expected);
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.<Integer>path("status")).as(what).isEqualTo(status);
        if (status == 401) {
          assertThat(response.header("WWW-Authenticate")).as(what).startsWith("Bearer");
        }
      }
    }
  }

  /** A new endpoint without a row would be checked by nobody: the table must name every JAX-RS resource method. */
  @Test
  void theTableNamesEveryEndpointOfTheApi() throws Exception {
    Set<String> endpoints = new TreeSet<>();
    java.nio.file.Path classes = java.nio.file.Path.of("target/classes/io/eventca/ca/api");
    try (Stream<java.nio.file.Path> files = Files.list(classes)) {
      for (java.nio.file.Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = "io.eventca.ca.api." + file.getFileName().toString().replace(".class", "");
        Class<?> type = Class.forName(name, false, getClass().getClassLoader());
        Path root = type.getAnnotation(Path.class);
        if (root == null) {
          continue;
        }
        for (Method method : type.getDeclaredMethods()) {
          String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST" : null;
          if (verb == null) {
            assertThat(Stream.of(PUT.class, DELETE.class, PATCH.class).anyMatch(method::isAnnotationPresent))
                .as(method + " uses a verb the matrix does not send").isFalse();
            continue;
          }
          Path sub = method.getAnnotation(Path.class);
          endpoints.add(verb + " " + (root.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/").replaceAll("/$", ""));
        }
      }
    }
    Set<String> inTable = rows().stream().filter(r -> r.path().startsWith("/api/")).map(r -> r.toString().replace("{spareCaId}", "{caId}"))
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(endpoints).as("resource methods found").hasSizeGreaterThan(10);
    assertThat(inTable).isEqualTo(endpoints);
  }

  private static String body(String name, Fixtures f) {
    return switch (name) {
      case "-" -> null;
      case "ca" -> "{\"commonName\":\"Matrix CA by a caller\"}";
      case "csr" -> "{\"profile\":\"client\",\"csr\":\"" + Csrs.csrPem(Csrs.ecP256(), "CN=matrix.example").replace("\n", "\\n") + "\"}";
      case "key" -> "{\"passphrase\":\"" + PASSPHRASE + "\"}";
      case "revocation" -> "{\"reason\":\"superseded\"}";
      case "retire" -> "{\"reason\":\"matrix\"}";
      case "unlock" -> "{\"reason\":\"matrix: nothing is locked\"}";
      case "requester" -> registration();
      default -> throw new IllegalArgumentException("no body fixture " + name);
    };
  }

  private static String registration() {
    String key = Csrs.pem(Csrs.ecP256().getPublic()).replace("\n", "\\n");
    return "{\"name\":\"" + MATRIX_REQUESTER + "\",\"publicKeyPem\":\"" + key + "\",\"allowedNames\":[\"*.matrix.internal\"],"
        + "\"allowedProfiles\":[\"server\"],\"maxValidityDays\":30}";
  }

  private static synchronized Fixtures fixtures() {
    if (fixtures == null) {
      FakeIssuer issuer = new FakeIssuer();
      try (EventProbe probe = new EventProbe(KafkaBroker.bootstrapServers())) {
        String caId = asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", "Matrix CA")).post("/api/v1/cas")
            .then().statusCode(202).extract().path("caId");
        probe.publish(issuer.created(probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT)));
        await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));

        String requestId = TestTokens.as(REQUESTER, "requester").contentType(ContentType.JSON)
            .body(Map.of("profile", "server", "host", "matrix.example.internal", "commonName", "matrix.example.internal",
                "passphrase", PASSPHRASE))
            .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(202).extract().path("requestId");
        CertificateRequested requested =
            probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.requestId().value().equals(requestId), TIMEOUT);
        CertificateIssued issued = issuer.issued(requested, "Matrix CA");
        probe.publish(issued);
        await().atMost(TIMEOUT).untilAsserted(() ->
            asAdmin().get("/api/v1/requests/" + requestId).then().body("status", equalTo("ISSUED")));
        String spareCaId = asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", "Matrix spare CA")).post("/api/v1/cas")
            .then().statusCode(202).extract().path("caId");
        probe.publish(issuer.created(probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(spareCaId), TIMEOUT)));
        asAdmin().contentType(ContentType.JSON).body(registration()).post("/api/v1/requesters").then().statusCode(201);
        await().atMost(TIMEOUT).untilAsserted(() -> {
          asAdmin().get("/api/v1/cas/" + spareCaId).then().body("status", equalTo("ACTIVE"));
          asAdmin().get("/api/v1/requesters/" + MATRIX_REQUESTER).then().statusCode(200);
        });
        fixtures = new Fixtures(caId, requestId, issued.serialNumber().hex(), spareCaId);
      }
    }
    return fixtures;
  }
}
