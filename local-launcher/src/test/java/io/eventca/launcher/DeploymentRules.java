package io.eventca.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules docker-compose.yml and the Dockerfiles must follow, as a list of human-readable problems.
 * Kept apart from the test so that the test can also prove the rules catch a broken file: there is no
 * Docker engine here to catch it for us.
 */
final class DeploymentRules {

    static final List<String> INFRASTRUCTURE = List.of("kafka", "postgres");
    static final List<String> EVENTCA_SERVICES = List.of("ca-service", "issuer-worker", "crl-publisher");
    /** Only these may unwrap CA keys. */
    static final List<String> SIGNING_SERVICES = List.of("issuer-worker", "crl-publisher");
    static final Map<String, Integer> PUBLISHED_PORTS = Map.of("ca-service", 8080, "crl-publisher", 8082);
    static final String KEK = "EVENTCA_CUSTODY_KEK";
    /** The KEK must come from the caller's environment, never be written into the file. */
    private static final Pattern KEK_FROM_ENVIRONMENT = Pattern.compile("\\$\\{" + KEK + "(:?\\?[^}]*)?}");
    /**
     * A password is a variable compose must refuse to start without ({@code ${NAME:?message}}): a default in the file
     * is a password everyone who has read the file knows (issue 11 logged in with admin-secret).
     */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*:?\\?[^}]*}");

    private DeploymentRules() {
    }

    /** Problems of a parsed compose file; {@code root} is where build contexts and Dockerfiles are resolved. */
    static List<String> composeProblems(Map<String, Object> compose, Path root) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(compose.get("services"));
        for (String name : concat(INFRASTRUCTURE, EVENTCA_SERVICES)) {
            if (!services.containsKey(name)) {
                problems.add("missing service " + name);
            } else if (!map(services.get(name)).containsKey("healthcheck")) {
                problems.add(name + ": no healthcheck");
            }
        }
        for (String name : EVENTCA_SERVICES) {
            if (services.containsKey(name)) {
                problems.addAll(serviceProblems(name, map(services.get(name)), root));
            }
        }
        problems.addAll(KafkaSecurityRules.problems(services, root));
        services.forEach((name, service) -> problems.addAll(passwordProblems(name, map(service))));
        return problems;
    }

    /** Every *PASSWORD* variable of every service, the infrastructure's too. */
    static List<String> passwordProblems(String name, Map<String, Object> service) {
        List<String> problems = new ArrayList<>();
        environment(service.get("environment")).forEach((key, value) -> {
            // A bare KEY (no value) passes the caller's variable through: nothing written, nothing defaulted.
            if (key.contains("PASSWORD") && value != null && !REQUIRED_VARIABLE.matcher(value).matches()) {
                problems.add(name + ": " + key + " must be required from the environment (${NAME:?message}), with no default"
                        + " and nothing written in the file; was " + value);
            }
        });
        return problems;
    }

    private static List<String> serviceProblems(String name, Map<String, Object> service, Path root) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> build = map(service.get("build"));
        String dockerfile = "docker/" + name + ".Dockerfile";
        if (!".".equals(build.get("context"))) {
            problems.add(name + ": build context must be . (the repository root), was " + build.get("context"));
        }
        if (!dockerfile.equals(build.get("dockerfile"))) {
            problems.add(name + ": must build from " + dockerfile + ", was " + build.get("dockerfile"));
        } else {
            problems.addAll(dockerfileProblems(name, root.resolve(dockerfile)));
        }

        Map<String, String> env = environment(service.get("environment"));
        if (SIGNING_SERVICES.contains(name)) {
            String kek = env.get(KEK);
            if (kek == null) {
                problems.add(name + ": does not receive " + KEK);
            } else if (!KEK_FROM_ENVIRONMENT.matcher(kek).matches()) {
                problems.add(name + ": " + KEK + " must be taken from the environment (${" + KEK + "}), not written in the file");
            }
        } else {
            if (env.containsKey(KEK)) {
                problems.add(name + ": must not receive " + KEK);
            }
            // Indirect ways the KEK could reach it.
            for (String key : List.of("env_file", "secrets")) {
                if (service.containsKey(key)) {
                    problems.add(name + ": must not use " + key + " (it could carry " + KEK + ")");
                }
            }
        }
        if (!env.containsKey("EVENTCA_KAFKA_BOOTSTRAP_SERVERS")) {
            problems.add(name + ": no EVENTCA_KAFKA_BOOTSTRAP_SERVERS");
        }
        Integer port = PUBLISHED_PORTS.get(name);
        if (port != null && !publishedPorts(service.get("ports")).contains(port)) {
            problems.add(name + ": port " + port + " is not published");
        }
        return problems;
    }

    static List<String> dockerfileProblems(String name, Path dockerfile) {
        if (!Files.isRegularFile(dockerfile)) {
            return List.of(name + ": " + dockerfile + " does not exist");
        }
        String text;
        try {
            text = Files.readString(dockerfile);
        } catch (IOException e) {
            return List.of(name + ": cannot read " + dockerfile + ": " + e);
        }
        List<String> problems = new ArrayList<>();
        if (!Pattern.compile("(?m)^FROM eclipse-temurin:17-jre\\s*$").matcher(text).find()) {
            problems.add(name + ": Dockerfile must start FROM eclipse-temurin:17-jre");
        }
        if (!Pattern.compile("(?m)^COPY " + Pattern.quote(name + "/target/quarkus-app/")).matcher(text).find()) {
            problems.add(name + ": Dockerfile does not copy " + name + "/target/quarkus-app/");
        }
        if (!Pattern.compile("(?m)^(ENTRYPOINT|CMD) .*quarkus-run\\.jar").matcher(text).find()) {
            problems.add(name + ": Dockerfile does not run quarkus-run.jar");
        }
        // Comments may explain the KEK; instructions (ENV, ARG, COPY of a key file, ...) must not carry it.
        if (text.lines().map(String::strip).anyMatch(line -> !line.startsWith("#") && line.contains(KEK))) {
            problems.add(name + ": Dockerfile mentions " + KEK + " (a KEK must never be baked into an image)");
        }
        return problems;
    }

    /** Compose accepts a map or a list of KEY=VALUE strings. */
    static Map<String, String> environment(Object raw) {
        Map<String, String> env = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (raw instanceof List<?> list) {
            for (Object entry : list) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** Host ports, from the short syntax ([ip:]host:container[/proto]) or the long one (published: n). */
    static List<Integer> publishedPorts(Object raw) {
        List<Integer> ports = new ArrayList<>();
        if (!(raw instanceof List<?> list)) {
            return ports;
        }
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> m && m.get("published") != null) {
                ports.add(Integer.valueOf(String.valueOf(m.get("published"))));
            } else if (!(entry instanceof Map<?, ?>)) {
                String[] parts = String.valueOf(entry).split("/")[0].split(":");
                if (parts.length >= 2) {
                    ports.add(Integer.valueOf(parts[parts.length - 2]));
                }
            }
        }
        return ports;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
