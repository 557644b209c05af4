package io.eventca.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.Topic;
import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ./eventca-local itself, started once on free ports with a state directory of its own (EVENTCA_LOCAL_STATE), and
 * attacked the way issue 11's penetration test attacked it: a local process without the generated credentials
 * writes no fact and reads no CA key, the fleet's login writes only fleet requests, PostgreSQL wants its password,
 * nothing in the state is readable by anyone else, and no generated password reaches a log. The README's
 * walkthrough and docs/FLEET.md's fleet section run against it, and SIGTERM stops all of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {
  private static final Path ROOT = Path.of(System.getProperty("eventca.root", "..")).toAbsolutePath().normalize();
  /** Topics whose records issuer-worker, crl-publisher or ca-service believe without a signature. */
  private static final List<Topic> FACT_TOPICS = List.of(Topic.REQUESTS, Topic.REVOCATIONS, Topic.ISSUANCE, Topic.REGISTRY);
  private static final boolean ROOT_USER = "root".equals(System.getProperty("user.name"));

  private static Path state;
  private static Path output;
  private static Process script;
  private static final Map<String, Integer> PORTS = new LinkedHashMap<>();

  @BeforeAll
  static void startEventcaLocal() throws Exception {
    for (String built : List.of("local-launcher/target/kafka-libs", "local-launcher/target/local-launcher.jar", "tokens/target/lib",
        "ca-service/target/quarkus-app/quarkus-run.jar", "issuer-worker/target/quarkus-app/quarkus-run.jar",
        "crl-publisher/target/quarkus-app/quarkus-run.jar")) {
      // Otherwise the script would run the Maven build itself, inside this one.
      assertThat(ROOT.resolve(built)).as("the reactor builds %s before system-tests", built).exists();
    }
    // A parent the postgres OS user may pass through (the script runs PostgreSQL as postgres when run as root).
    Path parent = Files.createTempDirectory("eventca-local-it");
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    state = parent.resolve("state");
    Path logs = Files.createDirectories(ROOT.resolve("system-tests/target/local-stack"));
    output = logs.resolve("eventca-local.out");
    for (String port : List.of("EVENTCA_CA_PORT", "EVENTCA_CA_TLS_PORT", "EVENTCA_ISSUER_PORT", "EVENTCA_CRL_PORT",
        "EVENTCA_KAFKA_PORT", "EVENTCA_KAFKA_CONTROLLER_PORT", "EVENTCA_PG_PORT")) {
      PORTS.put(port, ServiceProcess.freePort());
    }
    ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("eventca-local").toString())
        .redirectErrorStream(true).redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("EVENTCA_") || k.startsWith("QUARKUS_") || k.startsWith("PG"));
    PORTS.forEach((k, v) -> env.put(k, String.valueOf(v)));
    env.put("EVENTCA_LOCAL_STATE", state.toString());
    env.put("EVENTCA_JAVA_OPTS", "-Xmx256m");
    env.put("EVENTCA_READY_TIMEOUT", "240");
    script = builder.start();

    Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
    while (!Files.readString(output).contains("eventca is running.")) {
      assertThat(script.isAlive()).as("./eventca-local exited before it was ready:%n%s", Files.readString(output)).isTrue();
      assertThat(Instant.now()).as("./eventca-local ready within 8 minutes:%n%s", Files.readString(output)).isBefore(deadline);
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void stopWhateverIsLeft() throws Exception {
    if (script != null && script.isAlive()) {
      script.destroy();
      if (!script.waitFor(120, TimeUnit.SECONDS)) {
        script.descendants().forEach(ProcessHandle::destroyForcibly);
        script.destroyForcibly();
      }
    }
    // PostgreSQL is a daemon (pg_ctl), no child of the script: stop it if the script could not.
    if (state != null && Files.exists(state.resolve("postgres/postmaster.pid"))) {
      List<String> stop = new ArrayList<>(ROOT_USER ? List.of("runuser", "-u", "postgres", "--") : List.of());
      stop.addAll(List.of(pgBin("pg_ctl"), "-D", state.resolve("postgres").toString(), "-m", "immediate", "stop"));
      new ProcessBuilder(stop).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
    if (state != null && Files.isDirectory(state.resolve("logs"))) {
      copyTree(state.resolve("logs"), ROOT.resolve("system-tests/target/local-stack/logs"));
    }
    // The generated passwords and keys of a stack that no longer runs: nothing to keep (the logs are copied above).
    if (state != null && (script == null || !script.isAlive())) {
      try (Stream<Path> all = Files.walk(state.getParent())) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  @Order(1)
  void withoutALogin_noFactIsWritten_andNoCaKeyRead() throws Exception {
    Properties none = new Properties();
    for (Topic topic : FACT_TOPICS) {
      // The broker hangs up on a client that does not authenticate: it never even learns the topic exists.
      assertThatThrownBy(() -> send(none, topic.topicName())).as("a produce without a login to %s", topic.topicName())
          .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class).hasMessageContaining("not present in metadata");
    }
    try (KafkaConsumer<String, String> consumer = consumer(none)) {
      assertThatThrownBy(() -> consumer.partitionsFor(Topic.CA_KEYS.topicName(), Duration.ofSeconds(3)))
          .as("reading eventca.ca-keys without a login").isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }
    // Nor with a made-up user, or admin with compose's former default password.
    assertThatThrownBy(() -> send(login("someone-else", "someone-else-secret"), Topic.REQUESTS.topicName()))
        .isInstanceOf(SaslAuthenticationException.class);
    Properties guessedAdmin = login("admin", "admin-secret");
    guessedAdmin.put("sasl.mechanism", "PLAIN");
    guessedAdmin.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"admin-secret\";");
    assertThatThrownBy(() -> send(guessedAdmin, Topic.REGISTRY.topicName())).isInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  @Order(2)
  void theFleetLoginWritesFleetRequestsOnly_andReadsNoCaKey() throws Exception {
    Properties fleet = clientSettings("fleet-demo");
    assertThat(send(fleet, Topic.FLEET_REQUESTS.topicName()).topic()).isEqualTo(Topic.FLEET_REQUESTS.topicName());
    for (Topic topic : FACT_TOPICS) {
      assertThatThrownBy(() -> send(fleet, topic.topicName())).as("fleet-demo writing %s", topic.topicName())
          .isInstanceOf(TopicAuthorizationException.class);
    }
    assertThatThrownBy(() -> readCaKeys(fleet)).isInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  @Order(3)
  void aWrongPasswordIsRefused() {
    assertThatThrownBy(() -> send(login("fleet-demo", "not-the-generated-password"), Topic.FLEET_REQUESTS.topicName()))
        .isInstanceOf(SaslAuthenticationException.class);
  }

  /** The services' logins are the catalogue's, not merely logins: ca-service cannot read the wrapped CA keys either. */
  @Test
  @Order(4)
  void onlyTheSigningServicesReadTheCaKeys() throws Exception {
    assertThat(readCaKeys(clientSettings("issuer-worker"))).as("CaKeyStored records (the client CA's at least)").isPositive();
    assertThatThrownBy(() -> readCaKeys(clientSettings("ca-service"))).isInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  @Order(5)
  void postgresqlWantsTheGeneratedPassword() throws Exception {
    String url = "jdbc:postgresql://localhost:" + PORTS.get("EVENTCA_PG_PORT") + "/eventca";
    for (String wrong : new String[] {"", "postgres"}) {
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", wrong).close()).as("password '%s'", wrong)
          .isInstanceOf(SQLException.class);
    }
    try (Connection db = DriverManager.getConnection(url, "postgres", Files.readString(state.resolve("secrets/postgres.password")))) {
      assertThat(db.createStatement().executeQuery("SELECT 1").next()).isTrue();
    }
  }

  /** Nothing in the state is readable by anyone else; as root, postgres may only pass through the top directory. */
  @Test
  @Order(6)
  void theStateIsTheUsersAlone() throws Exception {
    PosixFileAttributes top = Files.readAttributes(state, PosixFileAttributes.class);
    if (ROOT_USER) {
      assertThat(PosixFilePermissions.toString(top.permissions())).isEqualTo("rwx--x---");
      assertThat(top.group().getName()).isEqualTo("postgres");
    } else {
      assertThat(PosixFilePermissions.toString(top.permissions())).isEqualTo("rwx------");
    }
    List<String> open = new ArrayList<>();
    int files = 0;
    try (Stream<Path> all = Files.walk(state)) {
      for (Path p : all.filter(p -> !p.equals(state)).toList()) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        if (perms.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
          open.add(state.relativize(p) + " " + PosixFilePermissions.toString(perms));
        }
        files++;
      }
    }
    assertThat(files).as("files in the state").isGreaterThan(50);
    assertThat(open).as("files and directories others may read or enter").isEmpty();
    for (String dir : List.of("kafka", "kafka/data", "logs", "postgres", "secrets", "kafka-clients", "mtls")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(dir)))).as(dir).isEqualTo("rwx------");
    }
    for (String file : List.of("secrets/postgres.password", "secrets/pgpass", "secrets/kafka-admin.password",
        "kafka-clients/fleet-demo.properties", "kafka/server.properties", "kek", "admin.token", "token-signing-key.pem")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(file)))).as(file).isEqualTo("rw-------");
    }
  }

  @Test
  @Order(7)
  void theReadmeWalkthroughAndFleetSectionWorkAgainstIt() throws Exception {
    String walkthrough = runScript("docs/walkthrough.sh", Map.of());
    assertThat(walkthrough).as(walkthrough).containsPattern("CA [0-9a-f-]{36} is ACTIVE").contains("host_cert.pem: OK",
        "certificate revoked", "host_cert.pem: revoked");

    String fleet = runScript("docs/fleet-console.sh", Map.of("BOOTSTRAP", "localhost:" + PORTS.get("EVENTCA_KAFKA_PORT"),
        "KAFKA_CONFIG", state.resolve("kafka-clients/fleet-demo.properties").toString()));
    assertThat(fleet).as(fleet).contains("requester svc-1 may ask for *.fleet.internal", "io.eventca.certificate-delivered.v1",
        "svc_cert.pem: OK");
  }

  @Test
  @Order(8)
  void noGeneratedPasswordReachesALogOrTheTerminal() throws Exception {
    List<Path> secrets;
    try (Stream<Path> files = Files.list(state.resolve("secrets"))) {
      secrets = files.filter(f -> f.toString().endsWith(".password")).toList();
    }
    assertThat(secrets).as("generated passwords").hasSize(7);
    List<Path> logs = new ArrayList<>(List.of(output));
    try (Stream<Path> files = Files.list(state.resolve("logs"))) {
      files.forEach(logs::add);
    }
    assertThat(logs).as("logs").hasSizeGreaterThan(5);
    for (Path secret : secrets) {
      String password = Files.readString(secret).strip();
      assertThat(password).matches("[A-Za-z0-9]{32}");
      for (Path log : logs) {
        assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as("%s in %s", secret.getFileName(), log).doesNotContain(password);
      }
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void sigtermStopsEverything() throws Exception {
    List<ProcessHandle> children = new ArrayList<>();
    try (Stream<Path> pids = Files.list(state.resolve("pids"))) {
      for (Path pid : pids.toList()) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(children::add);
      }
    }
    assertThat(children).as("Kafka and the three services").hasSize(4).allMatch(ProcessHandle::isAlive);

    script.destroy(); // SIGTERM
    assertThat(script.waitFor(150, TimeUnit.SECONDS)).as("the script ends").isTrue();
    assertThat(script.exitValue()).isEqualTo(143);
    assertThat(Files.readString(output)).contains("[eventca-local] stopped.");
    assertThat(children).noneMatch(ProcessHandle::isAlive);
    assertThat(state.resolve("postgres/postmaster.pid")).doesNotExist();
    for (Map.Entry<String, Integer> port : PORTS.entrySet()) {
      assertThat(listening(port.getValue())).as("%s %d still listening", port.getKey(), port.getValue()).isFalse();
    }
  }

  // ---- helpers

  private static String runScript(String script, Map<String, String> extra) throws Exception {
    Path work = Files.createTempDirectory("local-stack-script");
    ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve(script).toString()).redirectErrorStream(true);
    builder.environment().putAll(Map.of("CA_URL", "http://localhost:" + PORTS.get("EVENTCA_CA_PORT"),
        "CRL_URL", "http://localhost:" + PORTS.get("EVENTCA_CRL_PORT"), "WORK", work.toString(), "EVENTCA_HOME", ROOT.toString(),
        "EVENTCA_TOKEN", Files.readString(state.resolve("admin.token")).strip()));
    builder.environment().putAll(extra);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  /** What ./eventca-local wrote for this principal, as a service or a fleet tool gets it. */
  private static Properties clientSettings(String principal) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(state.resolve("kafka-clients/" + principal + ".properties"))) {
      p.load(in);
    }
    assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_PLAINTEXT");
    return p;
  }

  private static Properties login(String user, String password) {
    Properties p = new Properties();
    p.put("security.protocol", "SASL_PLAINTEXT");
    p.put("sasl.mechanism", "SCRAM-SHA-512");
    p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
        + "\" password=\"" + password + "\";");
    return p;
  }

  private static org.apache.kafka.clients.producer.RecordMetadata send(Properties security, String topic) throws Exception {
    Properties p = new Properties();
    p.putAll(security);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + PORTS.get("EVENTCA_KAFKA_PORT"));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      return producer.send(new ProducerRecord<>(topic, "forged", "{\"forged\": true}")).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static KafkaConsumer<String, String> consumer(Properties security) {
    Properties p = new Properties();
    p.putAll(security);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + PORTS.get("EVENTCA_KAFKA_PORT"));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
  }

  /** Records of partition 0..n of eventca.ca-keys read without a group, as the signing services read them. */
  private static int readCaKeys(Properties security) {
    try (KafkaConsumer<String, String> consumer = consumer(security)) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topic.CA_KEYS.topicName(), Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      int records = 0;
      Instant deadline = Instant.now().plusSeconds(10);
      while (Instant.now().isBefore(deadline) && records == 0) {
        for (ConsumerRecord<String, String> ignored : consumer.poll(Duration.ofMillis(500))) {
          records++;
        }
      }
      return records;
    }
  }

  private static boolean listening(int port) {
    try (Socket ignored = new Socket("localhost", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String pgBin(String tool) throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.sorted().reduce((a, b) -> b).orElseThrow().resolve("bin").resolve(tool).toString();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
