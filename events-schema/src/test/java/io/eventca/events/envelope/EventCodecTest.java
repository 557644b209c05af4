package io.eventca.events.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.eventca.events.Event;
import io.eventca.events.EventTypes;
import io.eventca.events.Fixtures;
import io.eventca.events.SampleEvents;
import io.eventca.events.Topic;
import io.eventca.events.cert.CertificateRejected;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {
  private final EventCodec codec = new EventCodec("codec-test");

  static List<Event> events() {
    return SampleEvents.all();
  }

  @Test
  void samplesCoverEveryEventType() {
    assertThat(SampleEvents.all().stream().map(Object::getClass).distinct().toList())
        .containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void structuredRecordRoundTripsOnTheCatalogueTopicKeyedByCaId(Event event) {
    ProducerRecord<String, byte[]> record = codec.toRecord(event);

    assertThat(record.topic()).isEqualTo(Topic.carrying(event.getClass()).topicName());
    assertThat(record.key()).isEqualTo(event.key());
    assertThat(new String(record.headers().lastHeader(EventCodec.CONTENT_TYPE_HEADER).value(), StandardCharsets.UTF_8))
        .isEqualTo("application/cloudevents+json");

    Envelope envelope = EventCodec.decode(record.headers(), record.value());
    assertThat(envelope.payload()).isEqualTo(event);
    assertThat(envelope.type()).isEqualTo(EventTypes.wireType(event.getClass()));
    assertThat(envelope.source()).isEqualTo("/eventca/codec-test");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void structuredValueDecodesWithoutHeadersToo(Event event) {
    assertThat(EventCodec.decode(null, codec.encode(event)).payload()).isEqualTo(event);
    assertThat(EventCodec.decode(new RecordHeaders(), codec.encode(event)).payload()).isEqualTo(event);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void writesTheCloudEvents10StructuredEnvelope(Event event) throws Exception {
    Instant before = Instant.now();
    JsonNode json = Json.MAPPER.readTree(codec.encode(event));

    assertThat(json.get("specversion").asText()).isEqualTo("1.0");
    assertThat(UUID.fromString(json.get("id").asText())).isNotNull();
    assertThat(json.get("source").asText()).isEqualTo("/eventca/codec-test");
    assertThat(json.get("type").asText()).matches("io\\.eventca\\.[a-z-]+\\.v[0-9]+");
    assertThat(json.get("subject").asText()).isEqualTo(event.caId().value());
    assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(Instant.parse(json.get("time").asText())).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    assertThat(json.get("data").isObject()).as("data is embedded JSON, not a base64 or string blob").isTrue();
    if (event instanceof io.eventca.events.registry.RequesterRegistered || event instanceof io.eventca.events.registry.RequesterRetired) {
      // requester events belong to no CA: they carry no caId, and their subject is the nil UUID
      assertThat(json.get("data").has("caId")).isFalse();
      assertThat(event.key()).startsWith("requester/");
    } else {
      assertThat(json.get("data").get("caId").asText()).isEqualTo(event.caId().value());
    }
  }

  @Test
  void everyEncodingGetsItsOwnId() {
    Event event = SampleEvents.all().get(0);
    assertThat(EventCodec.decode(null, codec.encode(event)).id()).isNotEqualTo(EventCodec.decode(null, codec.encode(event)).id());
  }

  /** The wire types are a promise: renaming a class must not change them. */
  @ParameterizedTest
  @CsvSource({
    "io.eventca.events.ca.CaCreationRequested,     io.eventca.ca-creation-requested.v1",
    "io.eventca.events.ca.CaCreated,               io.eventca.ca-created.v1",
    "io.eventca.events.ca.CaCreationFailed,        io.eventca.ca-creation-failed.v1",
    "io.eventca.events.ca.CaKeyStored,             io.eventca.ca-key-stored.v1",
    "io.eventca.events.cert.CertificateRequested,  io.eventca.certificate-requested.v1",
    "io.eventca.events.cert.CertificateIssued,     io.eventca.certificate-issued.v1",
    "io.eventca.events.cert.CertificateRejected,   io.eventca.certificate-rejected.v1",
    "io.eventca.events.cert.CertificateRevoked,    io.eventca.certificate-revoked.v1",
    "io.eventca.events.crl.CrlPublished,           io.eventca.crl-published.v1",
    "io.eventca.events.fleet.CertificateDelivered,      io.eventca.certificate-delivered.v1",
    "io.eventca.events.fleet.CertificateRequestRefused, io.eventca.certificate-request-refused.v1",
    "io.eventca.events.fleet.RequestDeadLettered,       io.eventca.request-dead-lettered.v1",
  })
  void wireTypeIsPinned(String className, String wireType) throws Exception {
    Class<? extends Event> type = Class.forName(className).asSubclass(Event.class);

    assertThat(EventTypes.ALL).contains(type);
    assertThat(EventTypes.wireType(type)).isEqualTo(wireType);
    assertThat(EventTypes.byWireType(wireType)).contains(type);
    assertThat(EventTypes.schemaResource(type)).isEqualTo("schemas/" + wireType.substring("io.eventca.".length()) + ".schema.json");
  }

  @Test
  void wireTypesAreUniqueAndWellFormed() {
    List<String> wireTypes = EventTypes.ALL.stream().map(EventTypes::wireType).toList();
    assertThat(wireTypes).doesNotHaveDuplicates().allMatch(t -> t.matches("io\\.eventca\\.[a-z-]+\\.v[0-9]+"));
  }

  // --- binary mode: ce_ headers, the value is only the payload ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void binaryModeRecordFromKafkaMessageFactoryDecodes(Event event) {
    CloudEvent cloudEvent = codec.toCloudEvent(event);
    ProducerRecord<String, byte[]> record =
        KafkaMessageFactory.createWriter("t", event.caId().value()).writeBinary(cloudEvent);

    assertThat(record.headers().lastHeader("ce_specversion")).isNotNull();
    assertThat(record.headers().lastHeader("ce_type")).isNotNull();
    Envelope envelope = EventCodec.decode(record.headers(), record.value());
    assertThat(envelope.payload()).isEqualTo(event);
    assertThat(envelope.id()).isEqualTo(cloudEvent.getId());
    assertThat(envelope.time()).isEqualTo(cloudEvent.getTime().toInstant());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void binaryModeRecordFromCloudEventSerializerDecodes(Event event) {
    Headers headers = new RecordHeaders();
    byte[] value;
    try (CloudEventSerializer serializer = new CloudEventSerializer()) {
      serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
      value = serializer.serialize("t", headers, codec.toCloudEvent(event));
    }

    assertThat(headers.lastHeader("ce_type")).isNotNull();
    assertThat(EventCodec.decode(headers, value).payload()).isEqualTo(event);
  }

  @Test
  void structuredRecordFromCloudEventSerializerDecodes() {
    Event event = SampleEvents.all().get(5);
    Headers headers = new RecordHeaders();
    byte[] value;
    try (CloudEventSerializer serializer = new CloudEventSerializer()) {
      serializer.configure(
          Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED, CloudEventSerializer.EVENT_FORMAT_CONFIG, "application/cloudevents+json"),
          false);
      value = serializer.serialize("t", headers, codec.toCloudEvent(event));
    }

    assertThat(EventCodec.decode(headers, value).payload()).isEqualTo(event);
  }

  // --- unreadable records: a code the consumer can act on, never another exception ---

  @ParameterizedTest
  @ValueSource(strings = {"not json at all", "{", "[]", "{}", "null", "42", "{\"hello\":\"world\"}"})
  void garbageIsNotACloudEvent(String value) {
    assertUnreadable(null, value.getBytes(StandardCharsets.UTF_8), UnreadableEventException.NOT_A_CLOUDEVENT);
    assertUnreadable(structuredHeaders(), value.getBytes(StandardCharsets.UTF_8), UnreadableEventException.NOT_A_CLOUDEVENT);
  }

  @Test
  void garbageBytesAreNotACloudEvent() {
    byte[] bytes = {(byte) 0xff, 0x00, (byte) 0xfe, 0x13, 0x37};
    assertUnreadable(null, bytes, UnreadableEventException.NOT_A_CLOUDEVENT);
    assertUnreadable(new RecordHeaders(), new byte[0], UnreadableEventException.NOT_A_CLOUDEVENT);
  }

  @Test
  void aRecordWithoutValueIsNotACloudEvent() {
    assertUnreadable(null, null, UnreadableEventException.NOT_A_CLOUDEVENT);
  }

  @Test
  void binaryHeadersWithoutRequiredAttributesAreNotACloudEvent() {
    Headers headers = new RecordHeaders();
    headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
    assertUnreadable(headers, "{}".getBytes(StandardCharsets.UTF_8), UnreadableEventException.NOT_A_CLOUDEVENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"io.eventca.certificate-issued.v2", "io.eventca.certificate-exploded.v1", "com.example.order-placed"})
  void unknownTypeIsReportedAsSuch(String type) {
    byte[] value = rewrite("v1/certificate-issued.v1.json", env -> env.put("type", type));
    assertUnreadable(null, value, UnreadableEventException.UNKNOWN_TYPE);
  }

  @Test
  void invalidCaIdIsABadPayload() {
    byte[] value = rewrite("v1/certificate-rejected.v1.json", env -> data(env).put("caId", "X"));
    UnreadableEventException e = assertUnreadable(null, value, UnreadableEventException.BAD_PAYLOAD);
    assertThat(e).hasMessageContaining("caId");
  }

  @Test
  void invalidSerialNumberIsABadPayload() {
    byte[] value = rewrite("v1/certificate-issued.v1.json", env -> data(env).put("serialNumber", "0abc"));
    assertUnreadable(null, value, UnreadableEventException.BAD_PAYLOAD);
  }

  @Test
  void unknownRevocationReasonIsABadPayload() {
    byte[] value = rewrite("v1/certificate-revoked.v1.json", env -> data(env).put("reason", "stolen"));
    assertUnreadable(null, value, UnreadableEventException.BAD_PAYLOAD);
  }

  @Test
  void missingNumberIsABadPayloadNotAZero() {
    byte[] value = rewrite("v1/ca-creation-requested.v1.json", env -> data(env).remove("keySize"));
    assertUnreadable(null, value, UnreadableEventException.BAD_PAYLOAD);
  }

  @Test
  void missingCaIdIsABadPayload() {
    byte[] value = rewrite("v1/certificate-rejected.v1.json", env -> data(env).remove("caId"));
    assertUnreadable(null, value, UnreadableEventException.BAD_PAYLOAD);
  }

  @Test
  void missingOrNonObjectDataIsABadPayload() {
    assertUnreadable(null, rewrite("v1/certificate-rejected.v1.json", env -> env.remove("data")), UnreadableEventException.BAD_PAYLOAD);
    assertUnreadable(null, rewrite("v1/certificate-rejected.v1.json", env -> env.putArray("data")), UnreadableEventException.BAD_PAYLOAD);
    assertUnreadable(null, rewrite("v1/certificate-rejected.v1.json", env -> env.putNull("data")), UnreadableEventException.BAD_PAYLOAD);
  }

  @Test
  void unknownPayloadFieldsAreIgnoredSoEventsCanGrow() {
    byte[] value = rewrite("v1/certificate-rejected.v1.json", env -> data(env).put("addedInV1dot1", "anything"));
    assertThat(EventCodec.decode(null, value).payload())
        .isInstanceOfSatisfying(CertificateRejected.class, e -> assertThat(e.code()).isEqualTo("weak-key"));
  }

  private static UnreadableEventException assertUnreadable(Headers headers, byte[] value, String code) {
    Throwable thrown = catchThrowable(() -> EventCodec.decode(headers, value));
    assertThat(thrown).isInstanceOf(UnreadableEventException.class);
    UnreadableEventException e = (UnreadableEventException) thrown;
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    return e;
  }

  private static Headers structuredHeaders() {
    Headers headers = new RecordHeaders();
    headers.add(EventCodec.CONTENT_TYPE_HEADER, "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  private static ObjectNode data(ObjectNode envelope) {
    return (ObjectNode) envelope.get("data");
  }

  /** A fixture with one change: the bad records are the good ones, broken in exactly one place. */
  private static byte[] rewrite(String fixture, Consumer<ObjectNode> change) {
    try {
      ObjectNode envelope = (ObjectNode) Json.MAPPER.readTree(Fixtures.named(fixture).bytes());
      change.accept(envelope);
      return Json.MAPPER.writeValueAsBytes(envelope);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
