package io.eventca.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft broker secured the way docker-compose.yml secures its broker: SASL_SSL for clients,
 * SASL_PLAINTEXT between broker and controller, SASL/PLAIN users, StandardAuthorizer with no access where no ACL
 * says so, User:broker and User:admin as super users. Its TLS material and JAAS users come from running
 * docker/kafka/setup.sh itself; every user gets the password in EVENTCA_KAFKA_PASSWORD (set by surefire), the
 * variable docker/kafka/*.properties read, so those files are used as they are but for their truststore path.
 */
final class SecuredBroker implements AutoCloseable {
    static final String PASSWORD_VARIABLE = "EVENTCA_KAFKA_PASSWORD";
    /** Can log in but is named in no ACL. */
    static final String STRANGER = "someone-else";

    private final KafkaClusterTestKit cluster;
    private final Path root;
    private final Path clients;
    private final Path trust;

    private SecuredBroker(KafkaClusterTestKit cluster, Path root, Path dir, Path trust) {
        this.cluster = cluster;
        this.root = root;
        this.clients = dir.resolve("clients");
        this.trust = trust;
    }

    static SecuredBroker start(Path root, Path dir) throws Exception {
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.isBlank()) {
            throw new IllegalStateException(PASSWORD_VARIABLE + " is not set: run this test through Maven (surefire sets it)");
        }
        Path secrets = dir.resolve("secrets");
        Path trust = dir.resolve("trust");
        runSetup(root, secrets, trust, password);
        String login = serverLogin(secrets.resolve("broker_jaas.conf")) + " user_" + STRANGER + "=\"" + password + "\";";

        org.apache.kafka.common.utils.Exit.setHaltProcedure(
                (code, message) -> System.err.println("in-JVM Kafka broker asked to halt (" + code + "): " + message));
        org.apache.kafka.common.utils.Exit.setExitProcedure(
                (code, message) -> System.err.println("in-JVM Kafka broker asked to exit (" + code + "): " + message));
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .build();
        String broker = nodes.brokerListenerName().value();
        String controller = nodes.controllerListenerName().value();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                // The kit knows SASL_PLAINTEXT only; clients get TLS on top, as in docker-compose.yml.
                .setConfigProp("listener.security.protocol.map", broker + ":SASL_SSL," + controller + ":SASL_PLAINTEXT")
                .setConfigProp("sasl.enabled.mechanisms", "PLAIN")
                .setConfigProp("sasl.mechanism.inter.broker.protocol", "PLAIN")
                .setConfigProp("sasl.mechanism.controller.protocol", "PLAIN")
                .setConfigProp("listener.name." + broker.toLowerCase() + ".plain.sasl.jaas.config", login)
                .setConfigProp("listener.name." + controller.toLowerCase() + ".plain.sasl.jaas.config", login)
                .setConfigProp("ssl.keystore.type", "PKCS12")
                .setConfigProp("ssl.keystore.location", secrets.resolve("kafka.keystore.p12").toString())
                .setConfigProp("ssl.keystore.password", Files.readString(secrets.resolve("keystore-password")))
                .setConfigProp("ssl.key.password", Files.readString(secrets.resolve("keystore-password")))
                .setConfigProp("ssl.truststore.type", "PEM")
                .setConfigProp("ssl.truststore.location", secrets.resolve("kafka-ca.pem").toString())
                .setConfigProp("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .setConfigProp("allow.everyone.if.no.acl.found", "false")
                .setConfigProp("super.users", "User:broker;User:admin")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false");
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new SecuredBroker(cluster, root, dir, trust);
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * docker/kafka/{principal}.properties with the truststore this broker's certificate is in: what
     * EVENTCA_KAFKA_CLIENT_PROPERTIES names for that principal.
     */
    Path clientProperties(String principal) {
        Properties p = load(root.resolve("docker/kafka/" + principal + ".properties"));
        p.setProperty("ssl.truststore.location", trust.resolve("kafka-ca.pem").toString());
        return store(p, principal + ".properties");
    }

    /** A principal's settings with a login docker/kafka has no file for (a stranger, a wrong password). */
    Path clientPropertiesLoggingInAs(String user, String password) {
        Properties p = load(clientProperties("fleet-demo"));
        p.setProperty("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return store(p, user + "-" + Integer.toHexString(password.hashCode()) + ".properties");
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private Path store(Properties p, String name) {
        Path file = clients.resolve(name);
        try {
            Files.createDirectories(clients);
            try (Writer out = Files.newBufferedWriter(file)) {
                p.store(out, "for the test broker");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void runSetup(Path root, Path secrets, Path trust, String password) throws Exception {
        ProcessBuilder setup = new ProcessBuilder("bash", root.resolve("docker/kafka/setup.sh").toString())
                .redirectErrorStream(true);
        Map<String, String> env = setup.environment();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + env.get("PATH"));
        env.put("EVENTCA_KAFKA_SECRETS_DIR", secrets.toString());
        env.put("EVENTCA_KAFKA_TRUST_DIR", trust.toString());
        List<String> users = new ArrayList<>(List.of("User:broker", "User:admin"));
        users.addAll(AclCatalogue.read(root.resolve("docker/kafka/acls.csv")).principals());
        for (String user : users) {
            String name = user.substring("User:".length());
            env.put("EVENTCA_KAFKA_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD", password);
        }
        Process process = setup.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("docker/kafka/setup.sh failed:\n" + output);
        }
    }

    /** The KafkaServer section of the JAAS file, as the JDK reads it, in sasl.jaas.config form (without the ';'). */
    private static String serverLogin(Path jaasFile) {
        AppConfigurationEntry[] entries =
                new com.sun.security.auth.login.ConfigFile(jaasFile.toUri()).getAppConfigurationEntry("KafkaServer");
        if (entries == null || entries.length != 1) {
            throw new IllegalStateException(jaasFile + ": expected one login module in section KafkaServer");
        }
        String options = entries[0].getOptions().entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(" "));
        return entries[0].getLoginModuleName() + " required " + options;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
