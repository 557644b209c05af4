package io.eventca.ca;

import static io.eventca.ca.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eventca.events.Topic;
import io.eventca.events.ca.CaCreationRequested;
import io.eventca.events.cert.CertificateIssued;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.registry.KeyDownloadLockedOut;
import io.eventca.events.registry.KeyDownloadUnlocked;
import io.eventca.testkit.EventProbe;
import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The penetration test's attack on POST .../private-key (issue 11, finding 6): guessing the passphrase of a key eventca
 * generated. Real broker and PostgreSQL, the default thresholds (3 free failures, then waits of 1, 2, 4 ... s, a
 * lock-out at 10). Where the attacker would wait out a delay, the test moves the guard's clock instead: it sets the
 * next allowed attempt into the past, as time would.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class KeyDownloadThrottlingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String PASSPHRASE = "the right passphrase";
  private EventProbe probe;

  record Key(String caId, String serial, String owner) {
    String path() {
      return "/api/v1/cas/" + caId + "/certificates/" + serial + "/private-key";
    }

    String scope() {
      return "certificate:" + caId + ":" + serial;
    }
  }

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(KafkaBroker.bootstrapServers());
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  @Test
  void givenTwoHundredWrongGuesses_thenTheDelaysGrow_theTenthLocksTheKey_andOnlyAnAdminsUnlockLetsTheRightOneIn() throws Exception {
    Key key = givenAServerGeneratedKey("svc-" + UUID.randomUUID().toString().substring(0, 8));

    // When the attacker tries 200 wrong passphrases, waiting out every delay it is told of.
    int answered = 0;
    int lockedAt = 0;
    List<Long> waits = new ArrayList<>();
    for (int guess = 1; guess <= 200 && lockedAt == 0; guess++) {
      Response response = guess(key, "wrong guess " + guess);
      if (response.statusCode() == 429) {
        waits.add(assertTooManyRequests(response));
        letTheDelaysRunOut(key);
        response = guess(key, "wrong guess " + guess);
      }
      if (response.statusCode() == 423) {
        lockedAt = guess;
      } else {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.<String>path("field")).isEqualTo("passphrase");
        answered++;
      }
    }

    // Then nine wrong answers with growing waits between them, and the tenth guess locks the key, for the right one too.
    assertThat(answered).as("wrong passphrases answered before the lock-out").isEqualTo(9);
    assertThat(lockedAt).isEqualTo(10);
    assertThat(waits).isSorted().allMatch(w -> List.of(1L, 2L, 4L, 8L, 16L, 32L).contains(w)).endsWith(4L, 8L, 16L, 32L);
    letTheDelaysRunOut(key);
    guess(key, PASSPHRASE).then().statusCode(423).contentType("application/problem+json").body("serialNumber", equalTo(key.serial()));
    assertThat(failures(key.scope())).as("the count is in PostgreSQL, shared by every instance").isEqualTo(10);

    // And the lock-out is a fact on eventca.registry naming the certificate and the caller, never a guess.
    KeyDownloadLockedOut locked = probe.await(Topic.REGISTRY, KeyDownloadLockedOut.class, e -> e.serialNumber().hex().equals(key.serial()),
        TIMEOUT);
    assertThat(locked.caller()).isEqualTo(key.owner());
    assertThat(locked.failures()).isEqualTo(10);
    assertThat(locked.toString()).doesNotContain("guess", PASSPHRASE);
    await().atMost(TIMEOUT).untilAsserted(() -> TestTokens.as(TestTokens.OPERATOR, "operator")
        .get("/api/v1/key-download-lockouts?status=LOCKED&caId=" + key.caId()).then().statusCode(200)
        .body("find { it.serialNumber == '" + key.serial() + "' }.caller", equalTo(key.owner())));

    // When its owner tries to lift it, then 403; when an admin does, then the right passphrase opens the key again.
    TestTokens.as(key.owner(), "requester").contentType(ContentType.JSON).body("{}").post(key.path() + "/unlock").then().statusCode(403);
    asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "owner verified")).post(key.path() + "/unlock").then().statusCode(202)
        .body("status", equalTo("UNLOCKED"));
    KeyDownloadUnlocked unlocked = probe.await(Topic.REGISTRY, KeyDownloadUnlocked.class, e -> e.serialNumber().hex().equals(key.serial()),
        TIMEOUT);
    assertThat(unlocked.lockedAt()).isEqualTo(locked.lockedAt());
    assertThat(unlocked.unlockedBy()).isEqualTo(TestTokens.ADMIN);
    await().atMost(TIMEOUT).untilAsserted(() -> guess(key, PASSPHRASE).then().statusCode(200));
    asAdmin().get("/api/v1/key-download-lockouts?caId=" + key.caId()).then()
        .body("find { it.serialNumber == '" + key.serial() + "' }.status", equalTo("UNLOCKED"));
    asAdmin().contentType(ContentType.JSON).body("{}").post(key.path() + "/unlock").then().statusCode(409);
  }

  @Test
  void givenADelayToWaitOut_whenTenGuessesArriveAtOnce_thenOneIsTried_andNineAreTooManyRequests() throws Exception {
    Key key = givenAServerGeneratedKey("svc-" + UUID.randomUUID().toString().substring(0, 8));
    for (int i = 1; i <= 8; i++) {
      guess(key, "wrong guess " + i).then().statusCode(400);
      letTheDelaysRunOut(key);
    }

    // The ninth failure makes the next attempt wait 32 s, far longer than ten requests take.
    List<Callable<Integer>> tries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String passphrase = i == 9 ? PASSPHRASE : "parallel guess " + i;
      tries.add(() -> guess(key, passphrase).statusCode());
    }
    List<Integer> statuses = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      for (Future<Integer> status : pool.invokeAll(tries)) {
        statuses.add(status.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(statuses).as("one guess tried, the rest refused before their passphrase is looked at")
        .filteredOn(s -> s != 429).hasSize(1);
    assertThat(failures(key.scope())).isIn(0, 9);
  }

  @Test
  void givenACallerGuessingOnOneKey_thenItsOtherKeysMakeItWaitToo_andTheRightPassphraseStartsTheCountAfresh() throws Exception {
    String owner = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    Key first = givenAServerGeneratedKey(owner);
    Key second = givenAServerGeneratedKey(owner);
    for (int i = 1; i <= 7; i++) {
      letTheDelaysRunOut(first);
      guess(first, "wrong guess " + i).then().statusCode(400).body("attemptsLeft", equalTo(10 - i));
    }

    // The seventh failure set an 8 s wait on the caller: its other key, never guessed, is refused too and counts nothing.
    assertTooManyRequests(guess(second, PASSPHRASE));
    assertThat(failures(second.scope())).isZero();

    letTheDelaysRunOut(first);
    guess(first, PASSPHRASE).then().statusCode(200);
    assertThat(failures(first.scope())).isZero();
    guess(second, PASSPHRASE).then().statusCode(200);
  }

  private static long assertTooManyRequests(Response response) {
    response.then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429));
    long seconds = Long.parseLong(response.header("Retry-After"));
    assertThat(seconds).isPositive();
    return seconds;
  }

  private static Response guess(Key key, String passphrase) {
    return TestTokens.as(key.owner(), "requester").contentType(ContentType.JSON).body(Map.of("passphrase", passphrase)).post(key.path());
  }

  private Key givenAServerGeneratedKey(String owner) {
    String caId = asAdmin().contentType(ContentType.JSON).body(Map.of("commonName", "Throttle CA")).post("/api/v1/cas")
        .then().statusCode(202).extract().path("caId");
    FakeIssuer issuer = new FakeIssuer();
    probe.publish(issuer.created(probe.await(Topic.REQUESTS, CaCreationRequested.class, e -> e.caId().value().equals(caId), TIMEOUT)));
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/cas/" + caId).then().body("status", equalTo("ACTIVE")));
    String host = owner + ".example.internal";
    String requestId = TestTokens.as(owner, "requester").contentType(ContentType.JSON)
        .body(Map.of("profile", "server", "host", host, "commonName", host, "passphrase", PASSPHRASE, "keyAlgorithm", "EC", "keySize", 256))
        .post("/api/v1/cas/" + caId + "/certificates").then().statusCode(202).extract().path("requestId");
    CertificateRequested requested = probe.await(Topic.REQUESTS, CertificateRequested.class, e -> e.requestId().value().equals(requestId), TIMEOUT);
    CertificateIssued issued = issuer.issued(requested, "Throttle CA");
    probe.publish(issued);
    await().atMost(TIMEOUT).untilAsserted(() -> asAdmin().get("/api/v1/requests/" + requestId).then().body("status", equalTo("ISSUED")));
    return new Key(caId, issued.serialNumber().hex(), owner);
  }

  /** Time passes for the certificate and its owner: their next attempt is allowed now. */
  private static void letTheDelaysRunOut(Key key) throws Exception {
    try (Connection db = db(); PreparedStatement update = db.prepareStatement(
        "UPDATE key_download_guard SET next_attempt_at = now() - interval '1 second' WHERE scope IN (?, ?)")) {
      update.setString(1, key.scope());
      update.setString(2, "caller:" + key.owner());
      update.executeUpdate();
    }
  }

  private static int failures(String scope) throws Exception {
    try (Connection db = db(); PreparedStatement query = db.prepareStatement("SELECT failures FROM key_download_guard WHERE scope = ?")) {
      query.setString(1, scope);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  private static Connection db() throws Exception {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class), "");
  }
}
