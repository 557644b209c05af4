package io.eventca.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.eventca.events.Topic;
import io.eventca.events.Topics;
import io.eventca.service.ClientOverrides;
import io.eventca.service.KafkaClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.AclCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/kafka/acls.csv on a real secured broker: applied by docker/kafka/apply-acls.sh's own kafka-acls.sh
 * commands (AclCommand, in this JVM), then each principal logs in with its docker/kafka/*.properties through
 * service-kit's KafkaClients, as the services do, and is let in or turned away by the broker.
 */
class KafkaAclEnforcementTest {
    private static final Path ROOT = Path.of(System.getProperty("eventca.repo-root", "..")).toAbsolutePath().normalize();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A reply topic a requester named: created by an operator, written by issuer-worker under its prefixed Write. */
    private static final String NAMED_REPLY_TOPIC = "eventca.fleet-demo.replies";

    @TempDir
    static Path dir;
    private static SecuredBroker broker;
    private static String bootstrap;

    @BeforeAll
    static void startTheBrokerAndApplyTheCatalogue() throws Exception {
        broker = SecuredBroker.start(ROOT, dir);
        bootstrap = broker.bootstrapServers();
        applyWithTheComposeScript();
        awaitTheCatalogueOnTheBroker();
        // Each service's start-up step (Topics.ensureAll) with its own ACLs: the first creates, the others see.
        for (String service : List.of("ca-service", "issuer-worker", "crl-publisher")) {
            try (Admin admin = Admin.create(as(service, () -> KafkaClients.admin(bootstrap, service + "-admin")))) {
                Topics.ensureAll(admin, 1, (short) 1);
                awaitTopicsSeenBy(service, admin);
            }
        }
        try (Admin admin = Admin.create(as("admin", () -> KafkaClients.admin(bootstrap, "admin")))) {
            admin.createTopics(List.of(new NewTopic(NAMED_REPLY_TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty(ClientOverrides.SYSTEM_PROPERTY);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theBrokerHoldsExactlyTheCatalogue() throws Exception {
        try (Admin admin = Admin.create(as("admin", () -> KafkaClients.admin(bootstrap, "admin")))) {
            Set<AclBinding> applied = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));

            assertThat(applied).containsExactlyInAnyOrderElementsOf(catalogue().bindings());
        }
    }

    @Test
    void aFleetServiceWritesFleetRequestsButNeitherRequestsNorTheRegistry() throws Exception {
        try (KafkaProducer<String, byte[]> fleet = producer("fleet-demo")) {
            fleet.send(record(Topic.FLEET_REQUESTS.topicName(), "ca-1")).get(30, TimeUnit.SECONDS);
        }

        assertWriteRefused("fleet-demo", Topic.REQUESTS.topicName());
        assertWriteRefused("fleet-demo", Topic.REGISTRY.topicName());
        assertWriteRefused("fleet-demo", Topic.ISSUANCE.topicName());
        assertReadRefused("fleet-demo", Topic.CA_KEYS.topicName());
        assertReadRefused("fleet-demo", Topic.REQUESTS.topicName());
        // Nor what other fleets asked, what was dead-lettered, or who is registered with which key.
        assertReadRefused("fleet-demo", Topic.FLEET_REQUESTS.topicName());
        assertReadRefused("fleet-demo", Topic.DEAD_LETTERS.topicName());
        assertReadRefused("fleet-demo", Topic.REGISTRY.topicName());
    }

    @Test
    void aFleetServiceJoinsOnlyGroupsNamedAfterItself() {
        Properties props = as("fleet-demo", () -> KafkaClients.consumer(bootstrap, "eventca-issuer-worker", "fleet-demo-c"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topic.REPLIES.topicName()));

            assertRefused(GroupAuthorizationException.class, () -> pollUntil(consumer, r -> false, Duration.ofSeconds(15)));
        }
    }

    @Test
    void caServiceWritesItsTopicsAndProjectsThemButCannotReadTheCaKeys() throws Exception {
        String caId = "ca-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> ca = producer("ca-service")) {
            for (Topic topic : List.of(Topic.REQUESTS, Topic.REGISTRY, Topic.REVOCATIONS)) {
                ca.send(record(topic.topicName(), caId)).get(30, TimeUnit.SECONDS);
            }
        }
        Properties projection =
                as("ca-service", () -> KafkaClients.consumer(bootstrap, "eventca-ca-service-projection", "ca-service-projection"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(projection)) {
            consumer.subscribe(List.of(Topic.REQUESTS.topicName(), Topic.ISSUANCE.topicName(), Topic.REVOCATIONS.topicName(),
                    Topic.REGISTRY.topicName()));
            assertThat(pollUntil(consumer, r -> r.key().equals(caId), WAIT).key()).isEqualTo(caId);
        }

        assertReadRefused("ca-service", Topic.CA_KEYS.topicName());
        assertWriteRefused("ca-service", Topic.ISSUANCE.topicName());
        assertWriteRefused("ca-service", Topic.CA_KEYS.topicName());
    }

    @Test
    void issuerWorkerAnswersARequestInOneTransactionThatOnlyTheSigningServicesCanReadTheKeysOf() throws Exception {
        String caId = "ca-" + UUID.randomUUID();
        String requestId = "request-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> ca = producer("ca-service")) {
            ca.send(record(Topic.REQUESTS.topicName(), caId)).get(30, TimeUnit.SECONDS);
            ca.send(record(Topic.REGISTRY.topicName(), caId)).get(30, TimeUnit.SECONDS);
        }
        // The registry (requesters' keys and policies, CA retirements) is part of the worker's state.
        assertThat(readAll("issuer-worker", Topic.REGISTRY.topicName())).contains(caId);

        Properties consumerProps =
                as("issuer-worker", () -> KafkaClients.consumer(bootstrap, "eventca-issuer-worker", "issuer-worker-test"));
        Properties producerProps = as("issuer-worker",
                () -> KafkaClients.transactionalProducer(bootstrap, "issuer-worker-test", "eventca-issuer-worker-acl-test"));
        try (KafkaConsumer<String, byte[]> requests = new KafkaConsumer<>(consumerProps);
             KafkaProducer<String, byte[]> answers = new KafkaProducer<>(producerProps)) {
            requests.subscribe(List.of(Topic.REQUESTS.topicName(), Topic.FLEET_REQUESTS.topicName()));
            ConsumerRecord<String, byte[]> request = pollUntil(requests, r -> r.key().equals(caId), WAIT);

            answers.initTransactions();
            answers.beginTransaction();
            answers.send(record(Topic.ISSUANCE.topicName(), caId));
            answers.send(record(Topic.CA_KEYS.topicName(), caId));
            answers.send(record(Topic.REPLIES.topicName(), requestId));
            answers.send(record(NAMED_REPLY_TOPIC, requestId));
            answers.sendOffsetsToTransaction(
                    Map.of(new TopicPartition(request.topic(), request.partition()), new OffsetAndMetadata(request.offset() + 1)),
                    requests.groupMetadata());
            answers.commitTransaction();
        }

        assertThat(readAll("issuer-worker", Topic.CA_KEYS.topicName())).contains(caId);
        assertThat(readAll("crl-publisher", Topic.CA_KEYS.topicName())).contains(caId);
        Properties fleetProps = as("fleet-demo", () -> KafkaClients.consumer(bootstrap, "fleet-demo-watch", "fleet-demo-watch"));
        try (KafkaConsumer<String, byte[]> replies = new KafkaConsumer<>(fleetProps)) {
            replies.subscribe(List.of(Topic.REPLIES.topicName()));
            assertThat(pollUntil(replies, r -> r.key().equals(requestId), WAIT).key()).isEqualTo(requestId);
        }
    }

    @Test
    void issuerWorkerStaysOffTheInputsAndOffOtherServicesTransactionalIds() {
        for (String topic : List.of(Topic.REQUESTS.topicName(), Topic.FLEET_REQUESTS.topicName(), Topic.REGISTRY.topicName(),
                Topic.REVOCATIONS.topicName(), Topic.CRLS.topicName(), Topic.REVOCATION_FEED.topicName())) {
            assertWriteRefused("issuer-worker", topic);
        }
        Properties props = as("issuer-worker",
                () -> KafkaClients.transactionalProducer(bootstrap, "issuer-worker-test", "eventca-crl-publisher-eventca.crls-0"));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            assertRefused(TransactionalIdAuthorizationException.class, producer::initTransactions);
        }
    }

    @Test
    void crlPublisherSharesItsPartitionsPublishesInItsTransactionsAndReadsTopicLimits() throws Exception {
        Properties memberProps =
                as("crl-publisher", () -> KafkaClients.consumer(bootstrap, "eventca-crl-publisher", "crl-publisher-owner-test"));
        try (KafkaConsumer<String, byte[]> member = new KafkaConsumer<>(memberProps)) {
            member.subscribe(List.of(Topic.CRLS.topicName()));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (member.assignment().isEmpty() && System.nanoTime() < deadline) {
                member.poll(Duration.ofMillis(200));
            }
            assertThat(member.assignment()).as("partitions of eventca.crls owned").isNotEmpty();
        }
        Properties producerProps = as("crl-publisher",
                () -> KafkaClients.transactionalProducer(bootstrap, "crl-publisher-test-p0", "eventca-crl-publisher-eventca.crls-0"));
        try (KafkaProducer<String, byte[]> crls = new KafkaProducer<>(producerProps)) {
            crls.initTransactions();
            crls.beginTransaction();
            crls.send(record(Topic.CRLS.topicName(), "ca-3"));
            crls.send(record(Topic.REVOCATION_FEED.topicName(), "ca-3/01"));
            crls.commitTransaction();
        }
        try (Admin admin = Admin.create(as("crl-publisher", () -> KafkaClients.admin(bootstrap, "crl-publisher-admin")))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topic.CRLS.topicName());
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            assertThat(config.get("max.message.bytes").value()).isNotBlank();
        }
        assertThat(readAll("fleet-demo", Topic.CRLS.topicName())).contains("ca-3");
        assertWriteRefused("crl-publisher", Topic.ISSUANCE.topicName());
    }

    @Test
    void aLoginWithoutRowsGetsNothingAndAWrongPasswordNoLogin() throws Exception {
        Path stranger = broker.clientPropertiesLoggingInAs(SecuredBroker.STRANGER, System.getenv(SecuredBroker.PASSWORD_VARIABLE));
        assertWriteRefused(stranger, Topic.FLEET_REQUESTS.topicName());
        assertReadRefused(stranger, Topic.REPLIES.topicName());

        Path wrong = broker.clientPropertiesLoggingInAs("fleet-demo", "not-the-password");
        Properties props = with(wrong, () -> KafkaClients.producer(bootstrap, "wrong-password"));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            assertRefused(SaslAuthenticationException.class, () -> producer.partitionsFor(Topic.REPLIES.topicName()));
        }
    }

    // ---- helpers ----

    /** The kafka-acls.sh commands apply-acls.sh would run in docker-compose.yml, run here by kafka-acls.sh's class. */
    private static void applyWithTheComposeScript() throws Exception {
        ProcessBuilder script = new ProcessBuilder("bash", ROOT.resolve("docker/kafka/apply-acls.sh").toString(), "--dry-run");
        script.environment().put("EVENTCA_KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        script.environment().put("EVENTCA_KAFKA_CLIENT_PROPERTIES", broker.clientProperties("admin").toString());
        Process process = script.start();
        String commands = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0).as("apply-acls.sh: %s", errors).isTrue();

        PrintStream console = System.out;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("kafka-acls.sh exited " + code + ": " + message + "\n" + said);
        });
        try {
            System.setOut(new PrintStream(said, true, StandardCharsets.UTF_8));
            for (String command : commands.strip().split("\n")) {
                AclCommand.main(command.split(" "));
            }
        } finally {
            System.setOut(console);
            Exit.setExitProcedure((code, message) -> System.err.println("in-JVM Kafka asked to exit (" + code + "): " + message));
        }
    }

    /** The controller has the ACLs once kafka-acls.sh returns; the broker that authorizes applies them a moment later. */
    private static void awaitTheCatalogueOnTheBroker() throws Exception {
        Set<AclBinding> expected = catalogue().bindings();
        try (Admin admin = Admin.create(as("admin", () -> KafkaClients.admin(bootstrap, "admin")))) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline
                    && !new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)).equals(expected)) {
                Thread.sleep(100);
            }
        }
    }

    /** A topic just created reaches the broker's metadata a moment later: wait for it, as a restarted service would. */
    private static void awaitTopicsSeenBy(String service, Admin admin) throws Exception {
        List<String> catalogue = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
        long deadline = System.nanoTime() + WAIT.toNanos();
        Set<String> seen = Set.of();
        while (System.nanoTime() < deadline) {
            seen = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (seen.containsAll(catalogue)) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(seen).as("the topics %s sees", service).containsAll(catalogue);
    }

    private static AclCatalogue catalogue() throws IOException {
        return AclCatalogue.read(ROOT.resolve("docker/kafka/acls.csv"));
    }

    /** What KafkaClients gives a service whose EVENTCA_KAFKA_CLIENT_PROPERTIES names docker/kafka/{principal}.properties. */
    private static Properties as(String principal, Supplier<Properties> client) {
        return with(broker.clientProperties(principal), client);
    }

    private static Properties with(Path clientProperties, Supplier<Properties> client) {
        System.setProperty(ClientOverrides.SYSTEM_PROPERTY, clientProperties.toString());
        try {
            return client.get();
        } finally {
            System.clearProperty(ClientOverrides.SYSTEM_PROPERTY);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String principal) {
        Properties props = as(principal, () -> KafkaClients.producer(bootstrap, principal + "-test"));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        return new KafkaProducer<>(props);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key) {
        return new ProducerRecord<>(topic, key, ("{\"acl-test\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void assertWriteRefused(String principal, String topic) {
        assertWriteRefused(broker.clientProperties(principal), topic);
    }

    private static void assertWriteRefused(Path clientProperties, String topic) {
        Properties props = with(clientProperties, () -> KafkaClients.producer(bootstrap, "refused-writer"));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        // A fresh producer each time: one refusal must not be what makes the next write fail.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            assertRefused(TopicAuthorizationException.class, () -> producer.send(record(topic, "refused")).get(30, TimeUnit.SECONDS));
        }
    }

    private static void assertReadRefused(String principal, String topic) {
        assertReadRefused(broker.clientProperties(principal), topic);
    }

    private static void assertReadRefused(Path clientProperties, String topic) {
        Properties props = with(clientProperties, () -> KafkaClients.consumer(bootstrap, "unused", "refused-reader"));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertRefused(TopicAuthorizationException.class, () -> pollUntil(consumer, r -> false, Duration.ofSeconds(15)));
        }
    }

    /** Every key on partition 0 of {@code topic}, read without a group as the services' WholeLogTail does. */
    private static List<String> readAll(String principal, String topic) {
        Properties props = as(principal, () -> KafkaClients.consumer(bootstrap, "unused", principal + "-reader"));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), WAIT).get(partition);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumer.position(partition, WAIT) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
        }
        return keys;
    }

    private static ConsumerRecord<String, byte[]> pollUntil(
            KafkaConsumer<String, byte[]> consumer, Predicate<ConsumerRecord<String, byte[]>> wanted,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (wanted.test(record)) {
                    return record;
                }
            }
        }
        return fail("nothing wanted arrived within " + timeout);
    }

    @FunctionalInterface
    private interface Attempt {
        void run() throws Exception;
    }

    /** The broker's refusal may come straight or wrapped (ExecutionException, KafkaException): look at every cause. */
    private static void assertRefused(Class<? extends Throwable> refusal, Attempt attempt) {
        try {
            attempt.run();
        } catch (Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (refusal.isInstance(t)) {
                    return;
                }
            }
            throw new AssertionError("expected " + refusal.getSimpleName() + ", got " + e, e);
        }
        fail("expected " + refusal.getSimpleName() + ", but the broker allowed it");
    }
}
