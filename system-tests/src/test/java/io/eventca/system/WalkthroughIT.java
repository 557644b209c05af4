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
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
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
  /** What the secret scan needs to know: where the state is, and the secrets the run used or made. */
  private static String database;
  private static byte[] kek;
  private static Path logs;
  private static Path tokenSigningKey;
  private static final Map<String, Path> WORK_DIRS = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  static void startTheStack() throws Exception {
    String kafka = KafkaBroker.bootstrapServers();
    PostgresServer pg = PostgresServer.get();
    String db = pg.createDatabase("eventca_system");
    database = db;
    kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    String kekBase64 = Base64.getEncoder().encodeToString(kek);
    logs = Files.createDirectories(ROOT.resolve("system-tests/target/system-logs"));
    Path tokenKeys = Files.createTempDirectory("token-keys").resolve("keys");
    TokenKeys.KeyFiles keyFiles = TokenKeys.init(tokenKeys);
    tokenSigningKey = keyFiles.privateKey();
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
    WORK_DIRS.put("docs/walkthrough.sh", work);
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
    // The history's three answers (issue 14), about the certificate the walkthrough issued and revoked.
    String serial = output.substring(output.indexOf("issued serial ") + "issued serial ".length()).lines().findFirst().orElseThrow();
    assertThat(output).as(output).contains("holds host.example.internal: " + serial + " REVOKED", "expiring within 120 days: 1",
        "valid just before the revocation: " + serial);
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

    assertThat(output).as(output).contains("requester svc-1 may ask for *.fleet.internal", "io.eventca.certificate-delivered.v1",
        "svc_cert.pem: OK");
  }

  /**
   * Issue 11: both hostile-input catalogues and subjects at every bound through the packaged services; every certificate
   * issued is then found, listed with its own subject, revoked, and revoked in OCSP (HostilePipeline).
   */
  @Test
  void theHostileCataloguesThroughTheWholePipeline_everyIssuedCertificateIsFindableRevocableAndRevokedInOcsp() throws Exception {
    String requesterToken = Tokens.mint(TokenKeys.readPrivateKey(tokenSigningKey), HostilePipeline.REQUESTER, Tokens.Role.requester, 1);
    int certificates = new HostilePipeline(caService.url(), crlPublisher.url(), adminToken, requesterToken, ROOT).run();
    System.out.println("hostile pipeline: " + certificates + " certificates issued, found, revoked and revoked in OCSP");
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
  void theReadmeAndTheDocsShowTheScriptsWordForWord() throws Exception {
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains(between("docs/walkthrough.sh", "# --- walkthrough ---\n"));
    assertThat(Files.readString(ROOT.resolve("docs/MIGRATION.md")))
        .contains(between("docs/security-pack.sh", "# --- security pack ---\n"));
    assertThat(Files.readString(ROOT.resolve("docs/FLEET.md"))).contains(between("docs/fleet-console.sh", "# --- fleet ---\n"));
  }

  private static String between(String script, String start) throws Exception {
    String text = Files.readString(ROOT.resolve(script));
    return text.substring(text.indexOf(start) + start.length(), text.indexOf("# --- end ---")).strip();
  }

  private static String runScript(String script) throws Exception {
    Path work = Files.createTempDirectory("script");
    WORK_DIRS.put(script, work);
    ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve(script).toString()).redirectErrorStream(true);
    builder.environment().putAll(Map.of("CA_URL", caService.url(), "CRL_URL", crlPublisher.url(), "WORK", work.toString(),
        "BOOTSTRAP", KafkaBroker.bootstrapServers(), "EVENTCA_HOME", ROOT.toString(), "EVENTCA_TOKEN", adminToken));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  /**
   * Issue 14: ./eventca-rebuild, after every flow, rebuilds the packaged ca-service's read model from the log while it
   * serves, shows its progress, and the history answers as before from the rebuilt tables.
   */
  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE - 10)
  void theRebuildCommandRebuildsTheReadModelFromTheLog_andTheHistoryAnswersAsBefore() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("eventca-rebuild").toString(), "--url", caService.url()).redirectErrorStream(true);
    builder.environment().put("EVENTCA_TOKEN", adminToken);
    Process rebuild = builder.start();
    String output = new String(rebuild.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(rebuild.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(rebuild.exitValue()).as(output).isZero();
    assertThat(output).as(output).containsPattern("rebuild [0-9_]+ started into schema rebuild_[0-9_]+")
        .containsPattern("DONE: ([0-9]+)/\\1 events").contains("switched over; the replaced read model is in schema retired_");

    HttpResponse<String> history = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(caService.url() + "/api/v1/certificates?san=host.example.internal")).header("Authorization", "Bearer " + adminToken).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
    assertThat(history.body()).as("the walkthrough's certificate, from the rebuilt read model").contains("\"status\":\"REVOKED\"");
  }

  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
  void noServiceLogsPrivateKeyMaterial() throws Exception {
    for (ServiceProcess service : SERVICES) {
      assertThat(service.logText()).as(service.name).doesNotContain("PRIVATE KEY").doesNotContain("a passphrase only you know");
    }
  }

  /**
   * After every flow (the walkthrough, the Security Pack section with its server-generated key and downloads, the
   * fleet section), and before the services stop: every record of every topic (read_committed and read_uncommitted,
   * keys, values, headers), every row of every table and every service log holds no private-key material (PEM
   * private-key headers; plaintext PKCS#8, PKCS#1, SEC1 and PKCS#12 structures, also inside base64: this is what covers
   * the CA keys, whose bytes a test cannot know) and none of the secrets the run knows: the private values of the keys
   * the scripts made or downloaded, the passphrase they used, the KEK and the token-signing key. The one exception is
   * docs/SECURITY.md's: the generated key, encrypted under its requester's passphrase, in requester_key. SecretScannerTest
   * shows the matcher finds each of these when planted; here the canaries below show it with this run's secrets.
   */
  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE - 1)
  void afterEveryFlow_noTopicTableOrLogHoldsPrivateKeyMaterialOrAPassphrase() throws Exception {
    // Given the secrets this run used and made.
    assertThat(WORK_DIRS).as("the flows ran first").containsKeys("docs/walkthrough.sh", "docs/security-pack.sh", "docs/fleet-console.sh");
    String passphrase = scriptPassphrase("docs/security-pack.sh");
    SecretScanner scanner = new SecretScanner("table requester_key.encrypted_pkcs8 ");
    scanner.passphrase("the Security Pack passphrase", passphrase);
    scanner.secretBytes("the KEK", kek);
    Map<String, PrivateKeyInfo> keys = new java.util.LinkedHashMap<>();
    Path pack = WORK_DIRS.get("docs/security-pack.sh");
    keys.put("the server-generated key (PKCS#8 download)", decryptPkcs8(only(pack, "_myhost_priv_key.pem"), passphrase));
    keys.put("the server-generated key (PFX download)", fromPfx(only(pack, "_myhost_cert.pfx"), passphrase));
    keys.put("the walkthrough's host key", readPlainKey(WORK_DIRS.get("docs/walkthrough.sh").resolve("host_priv_key.pem")));
    keys.put("the fleet service's key", readPlainKey(WORK_DIRS.get("docs/fleet-console.sh").resolve("svc_key.pem")));
    keys.put("the fleet requester's signing key", readPlainKey(WORK_DIRS.get("docs/fleet-console.sh").resolve("requester_key.pem")));
    keys.put("the token-signing key", PrivateKeyInfo.getInstance(TokenKeys.readPrivateKey(tokenSigningKey).getEncoded()));
    assertThat(keys.get("the server-generated key (PFX download)")).as("both downloads hold the one generated key")
        .isEqualTo(keys.get("the server-generated key (PKCS#8 download)"));
    keys.forEach((name, key) -> addPrivateValues(scanner, name, key));
    for (Map.Entry<String, PrivateKeyInfo> key : keys.entrySet()) {
      assertThat(scanner.scan("canary", key.getValue().getEncoded())).as("canary: " + key.getKey()).isNotEmpty();
      assertThat(scanner.scan("canary", Base64.getEncoder().encodeToString(key.getValue().parsePrivateKey().toASN1Primitive().getEncoded())))
          .as("canary: " + key.getKey() + " as base64 PKCS#1/SEC1").isNotEmpty();
    }
    assertThat(scanner.scan("canary", "{\"passphrase\":\"" + passphrase + "\"}")).as("canary: the passphrase").isNotEmpty();

    // When everything the system stored or logged is scanned.
    List<SecretScanner.Finding> findings = new ArrayList<>();
    Map<String, Integer> records = scanKafka(scanner, findings);
    Map<String, Integer> rows = scanDatabase(scanner, findings, passphrase, keys.get("the server-generated key (PKCS#8 download)"));
    int logFiles = scanLogs(scanner, findings);

    // Then something was read everywhere, and nothing was found.
    System.out.println("secret scan read " + records + ", rows " + rows + ", " + logFiles + " log files; found " + findings.size());
    assertThat(records).as("records per topic and isolation level").containsKeys("eventca.requests read_committed",
        "eventca.ca-keys read_committed", "eventca.issuance read_uncommitted", "eventca.replies read_committed");
    assertThat(records.get("eventca.ca-keys read_committed")).as("wrapped CA keys were scanned").isPositive();
    assertThat(rows).as("rows per table").containsKeys("ca", "certificate", "certificate_request", "requester_key");
    assertThat(rows.get("requester_key")).as("the generated key's row was scanned").isPositive();
    assertThat(logFiles).as("service logs").isGreaterThanOrEqualTo(3);
    assertThat(findings).as("secrets found (where: what)").isEmpty();
  }

  private static String scriptPassphrase(String script) throws Exception {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^PASS='([^']+)'").matcher(Files.readString(ROOT.resolve(script)));
    assertThat(m.find()).as("the passphrase " + script + " uses").isTrue();
    return m.group(1);
  }

  private static Path only(Path dir, String suffix) throws Exception {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
      assertThat(found).as(suffix + " in " + dir).hasSize(1);
      return found.get(0);
    }
  }

  private static PrivateKeyInfo decryptPkcs8(Path pem, String passphrase) throws Exception {
    try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(Files.newBufferedReader(pem))) {
      Object object = parser.readObject();
      assertThat(object).as(pem + " is an encrypted PKCS#8").isInstanceOf(org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo.class);
      return ((org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo) object).decryptPrivateKeyInfo(
          new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder()
              .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(passphrase.toCharArray()));
    }
  }

  private static PrivateKeyInfo fromPfx(Path pfx, String passphrase) throws Exception {
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    try (java.io.InputStream in = Files.newInputStream(pfx)) {
      store.load(in, passphrase.toCharArray());
    }
    for (String alias : java.util.Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias)) {
        return PrivateKeyInfo.getInstance(store.getKey(alias, passphrase.toCharArray()).getEncoded());
      }
    }
    throw new AssertionError(pfx + " holds no key");
  }

  private static PrivateKeyInfo readPlainKey(Path pem) throws Exception {
    try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(Files.newBufferedReader(pem))) {
      Object object = parser.readObject();
      if (object instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
        return pair.getPrivateKeyInfo();
      }
      assertThat(object).as(pem.toString()).isInstanceOf(PrivateKeyInfo.class);
      return (PrivateKeyInfo) object;
    }
  }

  /** RSA: d, p, q and the CRT values; EC: the private scalar. */
  private static void addPrivateValues(SecretScanner scanner, String name, PrivateKeyInfo key) {
    try {
      org.bouncycastle.asn1.ASN1Encodable parsed = key.parsePrivateKey();
      if (org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption.equals(key.getPrivateKeyAlgorithm().getAlgorithm())) {
        org.bouncycastle.asn1.pkcs.RSAPrivateKey rsa = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(parsed);
        scanner.secretInteger(name + ": RSA private exponent", rsa.getPrivateExponent())
            .secretInteger(name + ": RSA prime p", rsa.getPrime1())
            .secretInteger(name + ": RSA prime q", rsa.getPrime2())
            .secretInteger(name + ": RSA dP", rsa.getExponent1())
            .secretInteger(name + ": RSA dQ", rsa.getExponent2())
            .secretInteger(name + ": RSA qInv", rsa.getCoefficient());
      } else {
        scanner.secretInteger(name + ": EC private scalar", org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(parsed).getKey());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(name, e);
    }
  }

  /** Every record of every topic (internal ones too), once per isolation level: keys, values and headers. */
  private static Map<String, Integer> scanKafka(SecretScanner scanner, List<SecretScanner.Finding> findings) throws Exception {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    java.util.Set<String> topics;
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
        Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
      topics = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names().get();
    }
    assertThat(topics).contains("eventca.requests", "eventca.issuance", "eventca.ca-keys", "eventca.replies", "eventca.crls");
    for (String isolation : List.of("read_committed", "read_uncommitted")) {
      java.util.Properties props = new java.util.Properties();
      props.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
      props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
      props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      props.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
      try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
          props, new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
        List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
          consumer.partitionsFor(topic, Duration.ofSeconds(10))
              .forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(120));
        for (String topic : topics) {
          counts.put(topic + " " + isolation, 0);
        }
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
          assertThat(java.time.Instant.now()).as("read every topic to its end").isBefore(deadline);
          for (org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            String where = "topic " + r.topic() + " partition " + r.partition() + " offset " + r.offset() + " (" + isolation + ") ";
            findings.addAll(scanner.scan(where + "key", r.key()));
            findings.addAll(scanner.scan(where + "value", r.value()));
            for (org.apache.kafka.common.header.Header h : r.headers()) {
              findings.addAll(scanner.scan(where + "header " + h.key(), h.key()));
              findings.addAll(scanner.scan(where + "header " + h.key(), h.value()));
            }
            counts.merge(r.topic() + " " + isolation, 1, Integer::sum);
          }
        }
      }
    }
    return counts;
  }

  /**
   * Every row of every table of ca-service's database, every column; and the one allowed exception checked for what it
   * claims to be: the generated key, encrypted under the requester's passphrase.
   */
  private static Map<String, Integer> scanDatabase(SecretScanner scanner, List<SecretScanner.Finding> findings, String passphrase,
      PrivateKeyInfo generatedKey) throws Exception {
    PostgresServer pg = PostgresServer.get();
    Map<String, Integer> counts = new java.util.TreeMap<>();
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), "");
        java.sql.Statement s = db.createStatement()) {
      List<String[]> tables = new ArrayList<>();
      try (java.sql.ResultSet rs = s.executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
          + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'")) {
        while (rs.next()) {
          tables.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      for (String[] table : tables) {
        String name = "public".equals(table[0]) ? table[1] : table[0] + "." + table[1];
        int n = 0;
        try (java.sql.ResultSet rs = s.executeQuery("SELECT * FROM \"" + table[0] + "\".\"" + table[1] + "\"")) {
          java.sql.ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            n++;
            for (int c = 1; c <= meta.getColumnCount(); c++) {
              String where = "table " + name + "." + meta.getColumnName(c) + " row " + n;
              if ("bytea".equals(meta.getColumnTypeName(c))) {
                findings.addAll(scanner.scan(where, rs.getBytes(c)));
              } else {
                findings.addAll(scanner.scan(where, rs.getString(c)));
              }
            }
          }
        }
        counts.put(name, n);
      }
      try (java.sql.ResultSet rs = s.executeQuery("SELECT encrypted_pkcs8 FROM requester_key")) {
        List<PrivateKeyInfo> opened = new ArrayList<>();
        while (rs.next()) {
          String pem = rs.getString(1);
          assertThat(pem).as("requester_key holds only encrypted PKCS#8").startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
          Path file = Files.createTempFile("requester-key", ".pem");
          Files.writeString(file, pem);
          opened.add(decryptPkcs8(file, passphrase));
          Files.delete(file);
        }
        assertThat(opened).as("the stored key is the one handed to its requester").contains(generatedKey);
      }
    }
    return counts;
  }

  private static int scanLogs(SecretScanner scanner, List<SecretScanner.Finding> findings) throws Exception {
    int files = 0;
    try (java.util.stream.Stream<Path> all = Files.list(logs)) {
      for (Path log : all.filter(Files::isRegularFile).toList()) {
        files++;
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < lines.size(); i++) {
          findings.addAll(scanner.scan("log " + log.getFileName() + " line " + (i + 1), lines.get(i)));
        }
        findings.addAll(scanner.scan("log " + log.getFileName() + " (whole)", Files.readAllBytes(log)).stream()
            .filter(f -> f.what().contains("PRIVATE KEY header") || f.what().contains("inside base64")).toList());
      }
    }
    return files;
  }
}
