package io.eventca.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), and ./eventca-local is only run by hand,
 * so these checks are what stops both from rotting unnoticed.
 */
class DeploymentFilesTest {

    /** Set by surefire to the repository root; ".." because the module lives one level below it. */
    private static final Path ROOT = Path.of(System.getProperty("eventca.repo-root", "..")).toAbsolutePath().normalize();

    @Test
    void composeFileDefinesTheStackAndKeepsTheKekAwayFromCaService() throws IOException {
        Map<String, Object> compose = load(Files.newInputStream(ROOT.resolve("docker-compose.yml")));

        assertThat(DeploymentRules.composeProblems(compose, ROOT)).isEmpty();
    }

    @Test
    void rulesReportEachMistakeOfABrokenComposeFile() throws IOException {
        Map<String, Object> compose = load(getClass().getResourceAsStream("/broken-compose.yml"));

        assertThat(DeploymentRules.composeProblems(compose, ROOT)).containsExactlyInAnyOrder(
                "kafka: no healthcheck",
                "missing service postgres",
                "crl-publisher: no healthcheck",
                "ca-service: must not receive EVENTCA_CUSTODY_KEK",
                "ca-service: port 8080 is not published",
                "issuer-worker: build context must be . (the repository root), was ./issuer-worker",
                "issuer-worker: must build from docker/issuer-worker.Dockerfile, was Dockerfile",
                "issuer-worker: EVENTCA_CUSTODY_KEK must be taken from the environment (${EVENTCA_CUSTODY_KEK}), not written in the file",
                "crl-publisher: does not receive EVENTCA_CUSTODY_KEK",
                "crl-publisher: port 8082 is not published",
                "kafka: KAFKA_AUTHORIZER_CLASS_NAME must be org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "kafka: KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND must be \"false\"",
                "kafka: listener CONTROLLER:PLAINTEXT does not authenticate (SASL_SSL or SASL_PLAINTEXT only)",
                "kafka-acls: must wait for kafka to be healthy",
                "ca-service: EVENTCA_KAFKA_PASSWORD must be taken from the environment (${EVENTCA_KAFKA_<PRINCIPAL>_PASSWORD})",
                "issuer-worker: /run/eventca/kafka-client.properties must be mounted from ./docker/kafka/issuer-worker.properties,"
                        + " was ./docker/kafka/ca-service.properties",
                "crl-publisher: no EVENTCA_KAFKA_CLIENT_PROPERTIES (its Kafka login)",
                "crl-publisher: must start after kafka-acls completed successfully",
                noDefault("ca-service", "EVENTCA_KAFKA_PASSWORD", "ca-service-secret"),
                noDefault("ca-service", "QUARKUS_DATASOURCE_PASSWORD", "${EVENTCA_DATABASE_PASSWORD:-eventca}"),
                noDefault("issuer-worker", "EVENTCA_KAFKA_PASSWORD", "${EVENTCA_KAFKA_ISSUER_WORKER_PASSWORD:-issuer-worker-secret}"),
                noDefault("crl-publisher", "EVENTCA_KAFKA_PASSWORD", "${EVENTCA_KAFKA_CRL_PUBLISHER_PASSWORD}"),
                noDefault("kafka-acls", "EVENTCA_KAFKA_PASSWORD", "${EVENTCA_KAFKA_ADMIN_PASSWORD:-admin-secret}"));
    }

    /**
     * Beyond the environment entries composeProblems checks: no password variable has a default anywhere in the file
     * (a healthcheck or a command could use one too), and every use of one makes compose stop when it is unset.
     */
    @Test
    void composeRefusesToStartWithoutEachPassword() throws IOException {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));

        assertThat(text).as("a password variable with a default (${NAME:-...})").doesNotContainPattern("_PASSWORD:?-");
        assertThat(text).as("a password variable that may be unset").doesNotContainPattern("_PASSWORD}");
        assertThat(text.split("_PASSWORD:\\?", -1)).as("uses of password variables, each required").hasSizeGreaterThan(12);
    }

    private static String noDefault(String service, String key, String was) {
        return service + ": " + key + " must be required from the environment (${NAME:?message}), with no default"
                + " and nothing written in the file; was " + was;
    }


    @Test
    void rulesReportAKafkaLoginThatIsNotTheServicesOwn(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docker/kafka"));
        Files.writeString(root.resolve("docker/kafka/ca-service.properties"), """
                security.protocol=SASL_PLAINTEXT
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret";
                """);
        Map<String, Object> caService = Map.of(
                "environment", Map.of("EVENTCA_KAFKA_CLIENT_PROPERTIES", "/run/eventca/kafka-client.properties",
                        "EVENTCA_KAFKA_PASSWORD", "${EVENTCA_KAFKA_CA_SERVICE_PASSWORD:-x}"),
                "volumes", List.of("./docker/kafka/ca-service.properties:/run/eventca/kafka-client.properties:ro"),
                "depends_on", Map.of("kafka-acls", Map.of("condition", "service_completed_successfully")));

        assertThat(KafkaSecurityRules.problems(Map.of("ca-service", caService), root)).containsExactlyInAnyOrder(
                "missing service kafka-acls (applies docker/kafka/acls.csv)",
                "ca-service: ca-service.properties must use security.protocol=SASL_SSL",
                "ca-service: ca-service.properties must log in as ca-service",
                "ca-service: ca-service.properties must read its password from EVENTCA_KAFKA_PASSWORD");
    }

    @Test
    void theKafkaStepsOfTheComposeFileParseAsBash() throws Exception {
        for (String script : List.of("docker/kafka/setup.sh", "docker/kafka/apply-acls.sh", "docker/compose-env.sh")) {
            Path path = ROOT.resolve(script);
            assertThat(Files.isExecutable(path)).as(script + " is executable").isTrue();
            BashResult result = bashSyntaxCheck(path);
            assertThat(result.exitCode()).as("bash -n %s:%n%s", script, result.output()).isZero();
        }
    }

    @Test
    void rulesReportABrokenDockerfile(@TempDir Path dir) throws IOException {
        Path dockerfile = Files.writeString(dir.resolve("issuer-worker.Dockerfile"), """
                FROM openjdk:17
                COPY target/ /app/
                ENV EVENTCA_CUSTODY_KEK=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
                CMD ["java", "-jar", "/app/app.jar"]
                """);

        assertThat(DeploymentRules.dockerfileProblems("issuer-worker", dockerfile)).containsExactlyInAnyOrder(
                "issuer-worker: Dockerfile must start FROM eclipse-temurin:17-jre",
                "issuer-worker: Dockerfile does not copy issuer-worker/target/quarkus-app/",
                "issuer-worker: Dockerfile does not run quarkus-run.jar",
                "issuer-worker: Dockerfile mentions EVENTCA_CUSTODY_KEK (a KEK must never be baked into an image)");
    }

    @Test
    void portsAreReadFromShortAndLongSyntax() {
        assertThat(DeploymentRules.publishedPorts(List.of("8080:8080", "127.0.0.1:9000:90/tcp", "7000",
                Map.of("target", 8082, "published", 18082)))).containsExactly(8080, 9000, 18082);
    }

    @Test
    void launcherScriptsAreExecutableAndParseAsBash() throws Exception {
        for (String script : List.of("eventca-local", "eventca-token", ".ci/run", "docker/healthcheck.sh")) {
            Path path = ROOT.resolve(script);
            assertThat(path).as(script).isRegularFile();
            assertThat(Files.isExecutable(path)).as(script + " is executable").isTrue();
            BashResult result = bashSyntaxCheck(path);
            assertThat(result.exitCode()).as("bash -n %s:%n%s", script, result.output()).isZero();
        }
    }

    @Test
    void syntaxCheckRejectsBrokenBash(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken"), "#!/usr/bin/env bash\nif true; then\n  echo unterminated\n");

        assertThat(bashSyntaxCheck(broken).exitCode()).isNotZero();
    }

    private record BashResult(int exitCode, String output) {
    }

    private static BashResult bashSyntaxCheck(Path script) throws Exception {
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash -n finished").isTrue();
        return new BashResult(bash.exitValue(), output);
    }

    private static Map<String, Object> load(InputStream in) throws IOException {
        try (in) {
            Map<String, Object> document = new Yaml().load(in);
            assertThat(document).as("YAML document").isNotNull();
            return document;
        }
    }
}
