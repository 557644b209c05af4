package io.eventca.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.tools.AclCommand;

/**
 * What ./eventca-local runs once its broker is up and before any service starts: every principal's SCRAM login
 * (admin's and those of docker/kafka/acls.csv, with the passwords eventca-local generated), then the ACLs of that
 * catalogue, applied by the kafka-acls.sh commands of docker/kafka/apply-acls.sh (read on standard input, from its
 * --dry-run) as admin with its new SCRAM login, and finally a check that the broker holds exactly the catalogue (an
 * ACL whose row was deleted is removed).
 *
 * <p>The SCRAM logins are made as admin with SASL/PLAIN, whose two users (broker, admin) live in the broker's own
 * configuration: a broker whose storage was formatted before it had SCRAM users (an earlier PLAINTEXT run) has no
 * other login that works, and a lost password file is simply replaced. Passwords are read from their files and
 * never printed.
 *
 * <p>Usage: {@code LocalKafkaSecurity --bootstrap host:port --acls acls.csv --secrets DIR --clients DIR}, with
 * {@code DIR/kafka-<principal>.password} and {@code DIR/<principal>.properties}.
 */
public final class LocalKafkaSecurity {
    private static final int SCRAM_ITERATIONS = 8192;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private LocalKafkaSecurity() {
    }

    public static void main(String[] args) throws Exception {
        // AclCommand and the Kafka clients talk a lot: that goes where stderr goes (the log), the summary to stdout.
        PrintStream summary = System.out;
        System.setOut(System.err);
        Map<String, String> options = options(args);
        AclCatalogue catalogue = AclCatalogue.read(Path.of(options.get("--acls")));
        Path secrets = Path.of(options.get("--secrets"));
        Path clients = Path.of(options.get("--clients"));

        List<String> users = new ArrayList<>(List.of("admin"));
        catalogue.principals().forEach(p -> users.add(p.substring("User:".length())));
        String bootstrap = options.get("--bootstrap");
        try (Admin plain = Admin.create(plainAdminLogin(bootstrap, password(secrets, "admin")))) {
            await("the broker at " + bootstrap, false, () -> plain.describeCluster().nodes().get(10, TimeUnit.SECONDS));
            List<UserScramCredentialAlteration> logins = new ArrayList<>();
            for (String user : users) {
                logins.add(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password(secrets, user)));
            }
            plain.alterUserScramCredentials(logins).all().get(30, TimeUnit.SECONDS);
        }

        Properties adminLogin = load(clients.resolve("admin.properties"));
        adminLogin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin broker = Admin.create(adminLogin)) {
            // The broker learns the new logins from the metadata log a moment after the controller took them.
            await("admin's SCRAM login on the broker at " + bootstrap, true,
                    () -> broker.describeCluster().nodes().get(10, TimeUnit.SECONDS));
            int commands = 0;
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    AclCommand.main(line.strip().split(" ")); // exits the JVM with 1 when it fails
                    commands++;
                }
            }
            if (commands == 0) {
                throw new IllegalStateException("no kafka-acls.sh commands on standard input (apply-acls.sh --dry-run)");
            }
            Set<AclBinding> expected = catalogue.bindings();
            Set<AclBinding> stale = new HashSet<>(broker.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
            stale.removeAll(expected);
            if (!stale.isEmpty()) {
                broker.deleteAcls(stale.stream().map(AclBinding::toFilter).toList()).all().get(30, TimeUnit.SECONDS);
            }
            await("the broker to hold exactly the ACLs of " + options.get("--acls"), false, () -> {
                Set<AclBinding> held = new HashSet<>(broker.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS));
                if (!held.equals(expected)) {
                    throw new IllegalStateException("the broker holds " + held.size() + " ACLs, the catalogue has " + expected.size());
                }
                return held;
            });
            summary.println("Kafka: SCRAM logins of " + String.join(" ", users) + "; the " + expected.size() + " ACLs of "
                    + Path.of(options.get("--acls")).getFileName() + " in force"
                    + (stale.isEmpty() ? "" : " (" + stale.size() + " no longer in it removed)"));
        }
    }

    private static Properties plainAdminLogin(String bootstrap, String adminPassword) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
                + adminPassword + "\";");
        return p;
    }

    static String password(Path secrets, String user) throws IOException {
        Path file = secrets.resolve("kafka-" + user + ".password");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no password file " + file + " for Kafka user " + user);
        }
        String password = Files.readString(file).strip();
        // It goes into JAAS strings between double quotes; eventca-local generates letters and digits only.
        if (!password.matches("[A-Za-z0-9]{16,}")) {
            throw new IllegalStateException(file + " must hold at least 16 letters and digits");
        }
        return password;
    }

    private interface Step {
        Object run() throws Exception;
    }

    /** Retries {@code step} until it succeeds or {@link #WAIT} is over; a refused login only if {@code loginMayLag}. */
    private static void await(String what, boolean loginMayLag, Step step) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                step.run();
                return;
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof AuthenticationException && !loginMayLag) {
                    throw new IllegalStateException("waiting for " + what + ": login refused: " + cause.getMessage(), cause);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("gave up waiting for " + what + " after " + WAIT.toSeconds() + " s: " + cause, cause);
                }
                Thread.sleep(250);
            }
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--bootstrap", "--acls", "--secrets", "--clients")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required
                        + " (usage: --bootstrap host:port --acls acls.csv --secrets DIR --clients DIR)");
            }
        }
        return options;
    }
}
