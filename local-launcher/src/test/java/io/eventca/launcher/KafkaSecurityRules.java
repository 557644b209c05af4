package io.eventca.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * How docker-compose.yml must lock Kafka down (docs/KAFKA-SECURITY.md), as human-readable problems: an
 * authorizer that denies what no ACL allows, SASL on every listener, the ACL step before the services, and each
 * service logging in as its own principal with a password from the environment.
 */
final class KafkaSecurityRules {
    static final String ACL_STEP = "kafka-acls";
    static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    static final String CLIENT_PROPERTIES = "EVENTCA_KAFKA_CLIENT_PROPERTIES";
    static final String PASSWORD = "EVENTCA_KAFKA_PASSWORD";
    private static final Pattern PASSWORD_FROM_ENVIRONMENT = Pattern.compile("\\$\\{EVENTCA_KAFKA_[A-Z_]+_PASSWORD(:?[?-][^}]*)?}");

    private KafkaSecurityRules() {
    }

    static List<String> problems(Map<String, Object> services, Path root) {
        List<String> problems = new ArrayList<>();
        if (services.containsKey("kafka")) {
            problems.addAll(brokerProblems(DeploymentRules.environment(map(services.get("kafka")).get("environment"))));
        }
        Map<String, Object> acls = map(services.get(ACL_STEP));
        if (acls.isEmpty()) {
            problems.add("missing service " + ACL_STEP + " (applies docker/kafka/acls.csv)");
        } else {
            if (!String.valueOf(acls.get("entrypoint")).contains("apply-acls.sh")) {
                problems.add(ACL_STEP + ": must run docker/kafka/apply-acls.sh");
            }
            if (!"service_healthy".equals(dependsOn(acls).get("kafka"))) {
                problems.add(ACL_STEP + ": must wait for kafka to be healthy");
            }
        }
        for (String name : DeploymentRules.EVENTCA_SERVICES) {
            if (services.containsKey(name)) {
                problems.addAll(clientProblems(name, map(services.get(name)), root));
            }
        }
        return problems;
    }

    private static List<String> brokerProblems(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        if (!AUTHORIZER.equals(env.get("KAFKA_AUTHORIZER_CLASS_NAME"))) {
            problems.add("kafka: KAFKA_AUTHORIZER_CLASS_NAME must be " + AUTHORIZER);
        }
        if (!"false".equals(env.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"))) {
            problems.add("kafka: KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND must be \"false\"");
        }
        String map = env.getOrDefault("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "");
        if (map.isEmpty()) {
            problems.add("kafka: no KAFKA_LISTENER_SECURITY_PROTOCOL_MAP");
        }
        for (String entry : map.split(",")) {
            if (!entry.isBlank() && !entry.strip().matches("[^:]+:SASL_(SSL|PLAINTEXT)")) {
                problems.add("kafka: listener " + entry.strip() + " does not authenticate (SASL_SSL or SASL_PLAINTEXT only)");
            }
        }
        String advertised = env.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
        for (String listener : advertised.split(",")) {
            String name = listener.strip().split("://")[0];
            if (!name.isEmpty() && !map.contains(name + ":SASL_SSL")) {
                problems.add("kafka: clients' listener " + name + " must be SASL_SSL");
            }
        }
        return problems;
    }

    private static List<String> clientProblems(String name, Map<String, Object> service, Path root) {
        List<String> problems = new ArrayList<>();
        Map<String, String> env = DeploymentRules.environment(service.get("environment"));
        String target = env.get(CLIENT_PROPERTIES);
        if (target == null) {
            problems.add(name + ": no " + CLIENT_PROPERTIES + " (its Kafka login)");
        } else {
            String source = mounts(service.get("volumes")).get(target);
            String expected = "./docker/kafka/" + name + ".properties";
            if (!expected.equals(source)) {
                problems.add(name + ": " + target + " must be mounted from " + expected + ", was " + source);
            } else {
                problems.addAll(propertiesProblems(name, root.resolve(expected)));
            }
        }
        String password = env.get(PASSWORD);
        if (password == null || !PASSWORD_FROM_ENVIRONMENT.matcher(password).matches()) {
            problems.add(name + ": " + PASSWORD + " must be taken from the environment (${EVENTCA_KAFKA_<PRINCIPAL>_PASSWORD})");
        }
        if (!"service_completed_successfully".equals(dependsOn(service).get(ACL_STEP))) {
            problems.add(name + ": must start after " + ACL_STEP + " completed successfully");
        }
        return problems;
    }

    private static List<String> propertiesProblems(String name, Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            return List.of(name + ": cannot read " + file + ": " + e);
        }
        List<String> problems = new ArrayList<>();
        if (!"SASL_SSL".equals(p.getProperty("security.protocol"))) {
            problems.add(name + ": " + file.getFileName() + " must use security.protocol=SASL_SSL");
        }
        String jaas = p.getProperty("sasl.jaas.config", "");
        if (!jaas.contains("username=\"" + name + "\"")) {
            problems.add(name + ": " + file.getFileName() + " must log in as " + name);
        }
        if (!jaas.contains("password=\"${env:" + PASSWORD + "}\"")) {
            problems.add(name + ": " + file.getFileName() + " must read its password from " + PASSWORD);
        }
        return problems;
    }

    /** Container path -> host source of the bind mounts, from the short (src:dst[:mode]) or long syntax. */
    static Map<String, String> mounts(Object raw) {
        Map<String, String> mounts = new LinkedHashMap<>();
        if (raw instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> m) {
                    mounts.put(String.valueOf(m.get("target")), String.valueOf(m.get("source")));
                } else {
                    String[] parts = String.valueOf(entry).split(":");
                    if (parts.length >= 2) {
                        mounts.put(parts[1], parts[0]);
                    }
                }
            }
        }
        return mounts;
    }

    /** Service -> condition; the list form of depends_on has no condition (so service_started). */
    static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> conditions = new LinkedHashMap<>();
        Object raw = service.get("depends_on");
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> conditions.put(String.valueOf(k),
                    v instanceof Map<?, ?> c ? String.valueOf(c.get("condition")) : "service_started"));
        } else if (raw instanceof List<?> list) {
            list.forEach(k -> conditions.put(String.valueOf(k), "service_started"));
        }
        return conditions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
