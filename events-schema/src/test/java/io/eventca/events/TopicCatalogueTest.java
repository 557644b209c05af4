package io.eventca.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.envelope.EventCodec;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TopicCatalogueTest {

  static List<Class<? extends Event>> eventTypes() {
    return EventTypes.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventTypes")
  void everyEventTypeHasExactlyOneHomeTopic(Class<? extends Event> type) {
    // eventca.fleet-requests is inbound: requests from outside, which no eventca service writes.
    List<Topic> carrying = Arrays.stream(Topic.values())
        .filter(t -> t != Topic.FLEET_REQUESTS && t.valueTypes().contains(type)).toList();

    assertThat(carrying).hasSize(1);
    assertThat(Topic.carrying(type)).isEqualTo(carrying.get(0));
  }

  @Test
  void theFleetTopicCarriesCertificateRequestsOnlyAndIsNoHome() {
    assertThat(Topic.FLEET_REQUESTS.valueTypes()).containsExactly(io.eventca.events.cert.CertificateRequested.class);
    assertThat(Topic.carrying(io.eventca.events.cert.CertificateRequested.class)).isEqualTo(Topic.REQUESTS);
  }

  @Test
  void topicsCarryOnlyCataloguedEventsAndHaveDistinctNames() {
    for (Topic topic : Topic.values()) {
      assertThat(EventTypes.ALL).as(topic.name()).containsAll(topic.valueTypes());
      assertThat(topic.valueTypes()).as(topic.name()).isNotEmpty();
      assertThat(topic.topicName()).startsWith("eventca.");
    }
    assertThat(Arrays.stream(Topic.values()).map(Topic::topicName)).doesNotHaveDuplicates();
  }

  @Test
  void aClassOutsideTheCatalogueIsOnNoTopic() {
    record Stray(io.eventca.events.ids.CaId caId) implements Event {}
    assertThatThrownBy(() -> Topic.carrying(Stray.class)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Topic.class)
  void noTopicDeletesFactsByAge(Topic topic) {
    assertThat(topic.config()).containsEntry("retention.ms", "-1");
    String policy = topic.config().get("cleanup.policy");
    assertThat(policy).isIn("delete", "compact");
    if (policy.equals("delete")) {
      // delete policy with unlimited time must not be limited by size either, or old facts still vanish
      assertThat(topic.config()).containsEntry("retention.bytes", "-1");
    }
  }

  /** The catalogue as documented: name, policy, writer and carried types. A change here is a contract change. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "REQUESTS,    eventca.requests,    delete,  ca-service,     CaCreationRequested CertificateRequested",
    "FLEET_REQUESTS, eventca.fleet-requests, delete, fleet requesters, CertificateRequested",
    "REGISTRY,    eventca.registry,    delete,  ca-service,     RequesterRegistered RequesterRetired CaRetired KeyDownloadLockedOut KeyDownloadUnlocked",
    "ISSUANCE,    eventca.issuance,    delete,  issuer-worker,  CaCreated CaCreationFailed CertificateIssued CertificateRejected",
    "REVOCATIONS, eventca.revocations, delete,  ca-service,     CertificateRevoked",
    "CA_KEYS,     eventca.ca-keys,     compact, issuer-worker,  CaKeyStored",
    "CRLS,        eventca.crls,        compact, crl-publisher,  CrlPublished",
    "REVOCATION_FEED, eventca.revocation-feed, compact, crl-publisher, RevocationPublished",
    "REPLIES,     eventca.replies,     compact, issuer-worker,  CertificateDelivered CertificateRequestRefused",
    "DEAD_LETTERS, eventca.dead-letters, delete, issuer-worker, RequestDeadLettered",
  })
  void catalogueIsAsDocumented(Topic topic, String name, String policy, String writer, String types) {
    assertThat(topic.topicName()).isEqualTo(name);
    assertThat(topic.config()).containsEntry("cleanup.policy", policy);
    assertThat(topic.writer()).startsWith(writer);
    assertThat(topic.valueTypes().stream().map(Class::getSimpleName)).containsExactly(types.split(" "));
  }

  /** What each topic is keyed by. A change here is a contract change. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "REQUESTS,     'requester/<requestedBy> (certificate requests), CA id (CA creation requests)'",
    "FLEET_REQUESTS, requester/<requestedBy>",
    "REGISTRY,     'requester/<name> (requesters), CA id (CA retirements, key-download lock-outs)'",
    "ISSUANCE,     CA id",
    "REVOCATIONS,  CA id",
    "CA_KEYS,      CA id",
    "CRLS,         'CA id (full CRL), <caId>.delta (delta CRL)'",
    "REVOCATION_FEED, <caId>/<serial>",
    "REPLIES,      '<requestedBy>/<requestId> (RequestKey; a reused id''s refusal under <...>/reused/<fingerprint16>)'",
    "DEAD_LETTERS, the source record's key (CA id when readable)",
  })
  void everyTopicDocumentsItsKey(Topic topic, String key) {
    assertThat(topic.key()).isEqualTo(key);
  }

  @Test
  void theCatalogueHasTenTopicsAndTheRepliesTopicIsTheDefaultReplyTopic() {
    assertThat(Topic.values()).hasSize(10);
    assertThat(Topic.KEY).containsIgnoringCase("CA id");
    assertThat(Topic.DEFAULT_REPLY_TOPIC).isEqualTo("eventca.replies").isEqualTo(Topic.REPLIES.topicName());
  }

  /**
   * "Keyed by CA id" is what the codec does, not just what the comment says: {@code toRecord(event)} always keys
   * by CA id on the catalogue topic; writers of replies and dead letters pass their key to
   * {@code toRecord(topic, key, event)}.
   */
  @Test
  void everyRecordTheCodecWritesIsKeyedByItsCaIdOnItsTopic() {
    EventCodec codec = new EventCodec("catalogue-test");
    for (Event event : SampleEvents.all()) {
      ProducerRecord<String, byte[]> record = codec.toRecord(event);
      String expectedKey = event instanceof io.eventca.events.registry.RequesterRegistered r
          ? "requester/" + r.requester().value()
          : event instanceof io.eventca.events.registry.RequesterRetired r ? "requester/" + r.requester().value()
          : event instanceof io.eventca.events.cert.CertificateRequested c && c.requestedBy() != null ? "requester/" + c.requestedBy()
          : event.caId().value();
      assertThat(record.key()).as(event.getClass().getSimpleName()).isEqualTo(expectedKey);
      assertThat(record.topic()).isEqualTo(Topic.carrying(event.getClass()).topicName());
      assertThat(record.partition()).as("the partitioner, by key, picks the partition").isNull();
    }
  }

  @Test
  void repliesAndDeadLettersGetTheKeyTheWriterGives() {
    EventCodec codec = new EventCodec("catalogue-test");
    for (Event event : SampleEvents.all()) {
      ProducerRecord<String, byte[]> record = codec.toRecord("eventca.replies.batch", "request-7", event);
      assertThat(record.topic()).isEqualTo("eventca.replies.batch");
      assertThat(record.key()).isEqualTo("request-7");
      assertThat(record.partition()).isNull();
      assertThat(EventCodec.decode(record.headers(), record.value()).payload()).isEqualTo(event);

      ProducerRecord<String, byte[]> unkeyed = codec.toRecord(Topic.DEAD_LETTERS.topicName(), null, event);
      assertThat(unkeyed.key()).isNull();
      assertThat(EventCodec.decode(unkeyed.headers(), unkeyed.value()).payload()).isEqualTo(event);
    }
  }
}
