package io.eventca.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.eventca.events.Topic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * What docker/kafka/acls.csv must say about the topic catalogue, checked without a broker (KafkaAclEnforcementTest
 * shows a broker reads the rows the same way): a new topic, writer or fleet principal cannot slip in unguarded.
 */
class AclCatalogueTest {
    private static final Path ROOT = Path.of(System.getProperty("eventca.repo-root", "..")).toAbsolutePath().normalize();
    /** Holds a valid login but no row: what anyone else gets. */
    private static final String STRANGER = "User:someone-else";
    private static final Set<String> SERVICES = Set.of("User:ca-service", "User:issuer-worker", "User:crl-publisher");

    private final AclCatalogue catalogue = read();

    @Test
    void everyTopicOfTheCatalogueIsWritableByItsWriterAndByNobodyElse() {
        Set<String> everyone = new TreeSet<>(catalogue.principals());
        everyone.add(STRANGER);
        for (Topic topic : Topic.values()) {
            Set<String> writers = writersOf(topic);

            assertThat(catalogue.rows()).as("a Write row for %s by %s", topic.topicName(), writers)
                    .anyMatch(r -> writers.contains(r.principal()) && r.resourceType() == ResourceType.TOPIC
                            && r.patternType() == PatternType.LITERAL && r.name().equals(topic.topicName())
                            && r.operation() == AclOperation.WRITE);
            assertThat(catalogue.whoMay(AclOperation.WRITE, topic.topicName(), everyone))
                    .as("who may write %s (the catalogue says: %s)", topic.topicName(), topic.writer())
                    .containsExactlyInAnyOrderElementsOf(writers);
        }
    }

    @Test
    void requestsAndRegistryAreWrittenByCaServiceAlone() {
        // issuer-worker trusts these records unsigned: the reason the whole catalogue exists.
        Set<String> everyone = new TreeSet<>(catalogue.principals());
        everyone.add(STRANGER);

        assertThat(catalogue.whoMay(AclOperation.WRITE, Topic.REQUESTS.topicName(), everyone)).containsExactly("User:ca-service");
        assertThat(catalogue.whoMay(AclOperation.WRITE, Topic.REGISTRY.topicName(), everyone)).containsExactly("User:ca-service");
    }

    @Test
    void onlyTheSigningServicesMayReadTheWrappedCaKeys() {
        Set<String> everyone = new TreeSet<>(catalogue.principals());
        everyone.add(STRANGER);

        assertThat(catalogue.whoMay(AclOperation.READ, Topic.CA_KEYS.topicName(), everyone))
                .containsExactlyInAnyOrder("User:issuer-worker", "User:crl-publisher");
    }

    @Test
    void everyPrincipalIsAServiceOrAFleetPrincipalWithTheFleetRows() {
        assertThat(catalogue.fleetPrincipals()).isNotEmpty();
        Set<String> fleetRows = null;
        for (String principal : catalogue.principals()) {
            if (SERVICES.contains(principal)) {
                continue;
            }
            assertThat(principal).as("a principal that is no service").startsWith(AclCatalogue.FLEET_PREFIX);
            Set<String> rows = fleetRowsOf(principal);
            if (fleetRows == null) {
                fleetRows = rows;
            }
            assertThat(rows).as("the rows of %s, its own name standing for itself", principal).isEqualTo(fleetRows);
        }
        assertThat(fleetRows).containsExactlyInAnyOrder(
                "TOPIC LITERAL eventca.fleet-requests WRITE ALLOW",
                "TOPIC LITERAL eventca.replies READ ALLOW",
                "TOPIC LITERAL eventca.crls READ ALLOW",
                "TOPIC LITERAL eventca.revocation-feed READ ALLOW",
                "GROUP PREFIXED <self>- READ ALLOW");
    }

    private Set<String> fleetRowsOf(String principal) {
        String self = principal.substring("User:".length());
        return catalogue.rows().stream().filter(r -> r.principal().equals(principal))
                .map(r -> r.resourceType() + " " + r.patternType() + " " + r.name().replace(self, "<self>") + " "
                        + r.operation() + " " + r.permission())
                .collect(Collectors.toSet());
    }

    /** Topic.writer() is prose for people; its first word names the writing service. */
    private Set<String> writersOf(Topic topic) {
        String writer = topic.writer();
        for (String service : SERVICES) {
            if (writer.startsWith(service.substring("User:".length()))) {
                return Set.of(service);
            }
        }
        if (writer.startsWith("fleet")) {
            return catalogue.fleetPrincipals();
        }
        return fail("%s: no principal known for writer \"%s\"; name it in acls.csv and here", topic.topicName(), writer);
    }

    private static AclCatalogue read() {
        try {
            return AclCatalogue.read(ROOT.resolve("docker/kafka/acls.csv"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
