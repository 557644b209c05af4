package io.eventca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.testkit.KafkaBroker;
import io.eventca.testkit.PostgresServer;
import io.eventca.tokens.TokenKeys;
import io.eventca.tokens.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole product as a newcomer meets it: the three packaged services as separate processes on a real
 * KRaft broker and a real PostgreSQL, driven by the README's walkthrough (docs/walkthrough.sh) with curl,
 * jq and the OpenSSL CLI. openssl must say the certificate verifies before revocation and is revoked after.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class WalkthroughIT {
  private static final Path ROOT = Path.of(System.getProperty("eventca.root", "..")).toAbsolutePath().normalize();
  private static final List<ServiceProcess> SERVICES = new ArrayList<>();
  private static ServiceProcess caService;
  private static ServiceProcess crlPublisher;
  /** The admin token the scripts get as EVENTCA_TOKEN, minted as ./eventca-local mints the first one. */
  private static String adminToken;

  @BeforeAll
  static void startTheStack() throws Exception {
    String kafka = KafkaBroker.bootstrapServers();
    PostgresServer pg = PostgresServer.get();
    String db = pg.createDatabase("eventca_system");
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    String kekBase64 = Base64.getEncoder().encodeToString(kek);
    Path logs = Files.createDirectories(ROOT.resolve("system-tests/target/system-logs"));
    Path tokenKeys = Files.createTempDirectory("token-keys").resolve("keys");
    TokenKeys.KeyFiles keyFiles = TokenKeys.init(tokenKeys);
    adminToken = Tokens.mint(TokenKeys.readPrivateKey(keyFiles.privateKey()), "admin", Tokens.Role.admin, 1);

    crlPublisher = ServiceProcess.start(ROOT, "crl-publisher",
        Map.of("EVENTCA_KAFKA_BOOTSTRAP_SERVERS", kafka, "EVENTCA_CUSTODY_KEK", kekBase64), logs);
    SERVICES.add(crlPublisher);
    SERVICES.add(ServiceProcess.start(ROOT, "issuer-worker",
        Map.of("EVENTCA_KAFKA_BOOTSTRAP_SERVERS", kafka, "EVENTCA_CUSTODY_KEK", kekBase64,
            "EVENTCA_CRL_BASE_URL", crlPublisher.url()), logs));
    caService = ServiceProcess.start(ROOT, "ca-service",
        Map.of("EVENTCA_KAFKA_BOOTSTRAP_SERVERS", kafka,
            "EVENTCA_API_CRL_BASE_URL", crlPublisher.url(),
            "QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(db),
            "QUARKUS_DATASOURCE_REACTIVE_URL", pg.reactiveUrl(db),
            "QUARKUS_DATASOURCE_USERNAME", pg.user(),
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keyFiles.publicKey().toString()), logs);
    SERVICES.add(caService);
    for (ServiceProcess service : SERVICES) {
      service.awaitReady(Duration.ofSeconds(120));
    }
  }

  @AfterAll
  static void stopTheStack() throws Exception {
    for (ServiceProcess service : SERVICES) {
      service.close();
    }
  }

  @Test
  void theReadmeWalkthroughIssuesACertificateThatOpensslVerifies_thenReportsRevoked() throws Exception {
    Path work = Files.createTempDirectory("walkthrough");
    ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("docs/walkthrough.sh").toString())
        .redirectErrorStream(true);
    builder.environment().putAll(Map.of("CA_URL", caService.url(), "CRL_URL", crlPublisher.url(), "WORK", work.toString(),
        "EVENTCA_TOKEN", adminToken));
    Process walkthrough = builder.start();
    String output = new String(walkthrough.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(walkthrough.waitFor(180, TimeUnit.SECONDS)).isTrue();

    assertThat(output).as(output).containsPattern("CA [0-9a-f-]{36} is ACTIVE");
    assertThat(output).as(output).contains("issued serial ");
    assertThat(output).as(output).contains("TLS Web Server Authentication", "DNS:host.example.internal");
    int ok = output.indexOf("host_cert.pem: OK");
    int revoked = output.indexOf("certificate revoked");
    assertThat(ok).as("verifies before revocation:\n" + output).isGreaterThanOrEqualTo(0);
    assertThat(revoked).as("revoked after revocation:\n" + output).isGreaterThan(ok);
    assertThat(output).contains("Key Compromise");
    int ocsp = output.indexOf("host_cert.pem: revoked");
    assertThat(ocsp).as("OCSP says revoked:\n" + output).isGreaterThan(revoked);
    assertThat(output).contains("Response verify OK", "Reason: keyCompromise");
    assertThat(output.indexOf("certificate revoked", ocsp)).as("the delta CRL says revoked too:\n" + output).isGreaterThan(ocsp);
  }

  @Test
  void theSecurityPackSectionDoesWhatTheScriptsDid_throughAnIntermediate_withAServerGeneratedKey() throws Exception {
    String output = runScript("docs/security-pack.sh");

    assertThat(output).as(output).containsPattern("CA [0-9a-f-]{36} is ACTIVE, parent [0-9a-f-]{36}");
    assertThat(output).as(output).containsPattern("[0-9a-f]+_myhost_cert\\.pem: OK");
    assertThat(output).as(output).contains("DNS:myhost.domain1.domain2.com", "DNS:myworkstation",
        "TLS Web Server Authentication, TLS Web Client Authentication, E-mail Protection");
    assertThat(output).as(output).containsPattern("_myhost_priv_key\\.pem").containsPattern("_myhost_cert\\.pfx");
    assertThat(output).as(output).contains("private key opens", "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC",
        "PrivateKeyEntry", "trustedCertEntry");
  }

  @Test
  void aServiceWithOnlyKafkasConsoleToolsGetsItsCertificateOnTheReplyTopic() throws Exception {
    String output = runScript("docs/fleet-console.sh");

    assertThat(output).as(output).contains("io.eventca.certificate-delivered.v1", "svc_cert.pem: OK");
  }

  /** The packaged service denies by default, not only the test profile: no token, no CA. */
  @Test
  void thePackagedCaServiceAnswers401WithoutAToken_andServesCaCertificatesToAnyone() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(caService.url() + "/api/v1/cas"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"commonName\":\"Nobody's CA\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

    HttpResponse<String> bundle = http.send(HttpRequest.newBuilder(URI.create(caService.url() + "/api/v1/cas/bundle.pem")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bundle.statusCode()).isEqualTo(200);
  }

  @Test
  void theReadmeShowsTheScriptsWordForWord() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertThat(readme).contains(between("docs/walkthrough.sh", "# --- walkthrough ---\n"));
    assertThat(readme).contains(between("docs/security-pack.sh", "# --- security pack ---\n"));
    assertThat(readme).contains(between("docs/fleet-console.sh", "# --- fleet ---\n"));
  }

  private static String between(String script, String start) throws Exception {
    String text = Files.readString(ROOT.resolve(script));
    return text.substring(text.indexOf(start) + start.length(), text.indexOf("# --- end ---")).strip();
  }

  private static String runScript(String script) throws Exception {
    Path work = Files.createTempDirectory("script");
    ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve(script).toString()).redirectErrorStream(true);
    builder.environment().putAll(Map.of("CA_URL", caService.url(), "CRL_URL", crlPublisher.url(), "WORK", work.toString(),
        "BOOTSTRAP", KafkaBroker.bootstrapServers(), "EVENTCA_HOME", ROOT.toString(), "EVENTCA_TOKEN", adminToken));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
  void noServiceLogsPrivateKeyMaterial() throws Exception {
    for (ServiceProcess service : SERVICES) {
      assertThat(service.logText()).as(service.name).doesNotContain("PRIVATE KEY").doesNotContain("a passphrase only you know");
    }
  }
}
