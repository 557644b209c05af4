package io.eventca.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * docker/kafka/acls.csv read the way the broker will read it: as Kafka ACL bindings (what ./eventca-local's broker
 * must hold, exactly: LocalKafkaSecurity), plus the one question the tests ask of them without a broker (may this
 * principal do this to this topic?).
 */
record AclCatalogue(List<Row> rows) {
    static final String HEADER = "principal,resource_type,pattern_type,resource_name,operation,permission";
    static final String FLEET_PREFIX = "User:fleet-";

    record Row(String principal, ResourceType resourceType, PatternType patternType, String name,
               AclOperation operation, AclPermissionType permission) {

        AclBinding binding() {
            // AclCommand's --cluster names the one cluster resource so.
            String resource = resourceType == ResourceType.CLUSTER ? "kafka-cluster" : name;
            return new AclBinding(new ResourcePattern(resourceType, resource, patternType),
                    new AccessControlEntry(principal, "*", operation, permission));
        }

        boolean covers(String aPrincipal, String topic, AclOperation anOperation) {
            boolean resource = resourceType == ResourceType.TOPIC
                    && (patternType == PatternType.PREFIXED ? topic.startsWith(name) : name.equals(topic) || name.equals("*"));
            boolean who = principal.equals(aPrincipal) || principal.equals("User:*");
            return resource && who && (operation == anOperation || operation == AclOperation.ALL);
        }
    }

    static AclCatalogue read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(csv + ": the first line must be the header " + HEADER);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            rows.add(parse(line, i + 1));
        }
        return new AclCatalogue(List.copyOf(rows));
    }

    private static Row parse(String line, int number) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("acls.csv line " + number + ": " + f.length + " fields, expected 6");
        }
        if (!f[0].startsWith("User:") || f[0].length() == "User:".length()) {
            throw new IllegalArgumentException("acls.csv line " + number + ": principal must be User:<name>, was " + f[0]);
        }
        ResourceType type = switch (f[1]) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactional-id" -> ResourceType.TRANSACTIONAL_ID;
            case "cluster" -> ResourceType.CLUSTER;
            default -> throw new IllegalArgumentException("acls.csv line " + number + ": unknown resource type " + f[1]);
        };
        PatternType pattern = switch (f[2]) {
            case "literal" -> PatternType.LITERAL;
            case "prefixed" -> PatternType.PREFIXED;
            default -> throw new IllegalArgumentException("acls.csv line " + number + ": unknown pattern type " + f[2]);
        };
        AclOperation operation = SecurityUtils.operation(f[4]);
        AclPermissionType permission = AclPermissionType.fromString(f[5]);
        if (operation == AclOperation.UNKNOWN || permission == AclPermissionType.UNKNOWN) {
            throw new IllegalArgumentException("acls.csv line " + number + ": unknown operation or permission in " + line);
        }
        return new Row(f[0], type, pattern, f[3], operation, permission);
    }

    Set<AclBinding> bindings() {
        Set<AclBinding> all = new java.util.HashSet<>();
        rows.forEach(r -> all.add(r.binding()));
        return all;
    }

    Set<String> principals() {
        Set<String> all = new TreeSet<>();
        rows.forEach(r -> all.add(r.principal()));
        return all;
    }

    Set<String> fleetPrincipals() {
        Set<String> fleet = new TreeSet<>();
        principals().stream().filter(p -> p.startsWith(FLEET_PREFIX)).forEach(fleet::add);
        return fleet;
    }

    /** The broker's rule: some allow matches and no deny does (and with no match, no: allow.everyone.if.no.acl.found=false). */
    boolean allows(String principal, String topic, AclOperation operation) {
        boolean allowed = false;
        for (Row row : rows) {
            if (row.covers(principal, topic, operation)) {
                if (row.permission() == AclPermissionType.DENY) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /** Everyone in {@code candidates} who may do {@code operation} to {@code topic}. */
    Set<String> whoMay(AclOperation operation, String topic, Set<String> candidates) {
        Set<String> may = new TreeSet<>();
        candidates.stream().filter(p -> allows(p, topic, operation)).forEach(may::add);
        return may;
    }
}
