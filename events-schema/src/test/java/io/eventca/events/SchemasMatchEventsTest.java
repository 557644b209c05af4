package io.eventca.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.eventca.events.Fixtures.Fixture;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.envelope.Json;
import io.eventca.events.envelope.UnreadableEventException;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.RequestId;
import io.eventca.events.ids.SerialNumber;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas describe exactly the records: same fields, same required set, the id rules of the typed
 * ids, and they accept what the codec writes and reject what the codec refuses.
 */
class SchemasMatchEventsTest {
  private static final String ENVELOPE = "schemas/cloudevent-envelope.schema.json";

  /** The only payload fields that may be absent; every other record component is required. */
  private static final Set<String> NULLABLE = Set.of(
      "CertificateRequested.replyTopic", "CertificateRevoked.invalidityDate",
      // optional fields added to v1 after it was first written
      "CaCreationRequested.parentCaId", "CaCreationRequested.pathLength", "CaCreationRequested.sha1OptIn",
      "CaCreated.parentCaId", "CaCreated.pathLength", "CaCreated.sha1OptIn",
      "CertificateRequested.host", "CertificateRequested.subject", "CertificateRequested.subjectAltNames",
      "CertificateRequested.digest", "CertificateRequested.sha1OptIn",
      "CertificateIssued.host", "CertificateIssued.digest", "CertificateIssued.sha1OptIn",
      "CertificateIssued.requestSha256", "CertificateRejected.requestSha256",
      // fleet answers
      "CertificateDelivered.repeated", "RequestDeadLettered.requestId", "RequestDeadLettered.originalBase64",
      // delta CRLs and CRLs too large for a record (issue 5)
      "CrlPublished.crlPem", "CrlPublished.baseCrlNumber", "CrlPublished.crlSha256", "CrlPublished.crlSize",
      "CrlPublished.crlUrl", "RevocationPublished.invalidityDate",
      // keys generated inside a PKCS#11 token: no KEK, no wrapped copy (key custody)
      "CaKeyStored.kekId", "CaKeyStored.wrappedPrivateKey", "CaKeyStored.custody", "CaKeyStored.tokenLabel",
      "CaKeyStored.keyLabel",
      // signed fleet requests and requester policies (issue 6)
      "CertificateRequested.signature", "CertificateRequested.asRequester", "CaRetired.reason",
      // request ids scoped per requester (issue 11)
      "CertificateIssued.requestedBy", "CertificateIssued.channel", "CertificateRejected.requestedBy", "CertificateRejected.channel",
      "CertificateDelivered.requestedBy", "CertificateRequestRefused.requestedBy",
      // key-download lock-outs (issue 11)
      "KeyDownloadUnlocked.reason");

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  static List<Class<? extends Event>> eventTypes() {
    return EventTypes.ALL;
  }

  static List<Fixture> fixtures() {
    return Fixtures.all();
  }

  // --- the schema files ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventTypes")
  void schemaResourceExistsWithItsIdentity(Class<? extends Event> type) {
    JsonNode schema = tree(Fixtures.resource(EventTypes.schemaResource(type)));
    EventType annotation = type.getAnnotation(EventType.class);

    assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("$id").asText()).isEqualTo("urn:eventca:schema:" + annotation.name() + ":v" + annotation.version());
    assertThat(schema.path("title").asText()).isEqualTo(type.getSimpleName());
    assertThat(schema.path("description").asText()).isNotBlank();
    assertThat(schema.path("type").asText()).isEqualTo("object");
    assertThat(schema.path("additionalProperties").asBoolean(false)).as("events evolve additively").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventTypes")
  void propertiesAndRequiredAreTheRecordComponents(Class<? extends Event> type) {
    JsonNode schema = tree(Fixtures.resource(EventTypes.schemaResource(type)));
    RecordComponent[] components = type.getRecordComponents();

    assertThat(names(schema.path("properties")))
        .containsExactlyElementsOf(Arrays.stream(components).map(RecordComponent::getName).toList());
    assertThat(texts(schema.path("required")))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(components)
                .map(RecordComponent::getName)
                .filter(name -> !NULLABLE.contains(type.getSimpleName() + "." + name))
                .toList());
    for (RecordComponent component : components) {
      JsonNode property = schema.path("properties").path(component.getName());
      assertThat(property.path("description").asText()).as(component.getName() + " description").isNotBlank();
      assertMatchesJavaType(type.getSimpleName() + "." + component.getName(), component.getType(), property);
    }
  }

  @Test
  void subjectNameSchemaIsTheSubjectNameRecordWithOnlyCommonNameRequired() {
    JsonNode subject = tree(Fixtures.resource("schemas/ca-creation-requested.v1.schema.json")).path("properties").path("subject");

    assertThat(names(subject.path("properties")))
        .containsExactlyElementsOf(Arrays.stream(SubjectName.class.getRecordComponents()).map(RecordComponent::getName).toList());
    assertThat(texts(subject.path("required"))).containsExactly("commonName");
    subject.path("properties").properties().forEach(p -> assertThat(p.getValue().path("description").asText()).isNotBlank());
  }

  @Test
  void envelopeSchemaPinsTheCloudEventsAttributesEventcaWrites() {
    JsonNode envelope = tree(Fixtures.resource(ENVELOPE));

    assertThat(envelope.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(texts(envelope.path("required")))
        .containsExactlyInAnyOrder("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data");
    assertThat(envelope.path("properties").path("specversion").path("const").asText()).isEqualTo("1.0");
    assertThat(envelope.path("properties").path("type").path("pattern").asText()).isEqualTo("^io\\.eventca\\.[a-z-]+\\.v[0-9]+$");
    assertThat(envelope.path("properties").path("datacontenttype").path("const").asText()).isEqualTo("application/json");
  }

  // --- validation of what the codec writes ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureDataValidatesAgainstItsSchemaAndTheEnvelopeAgainstTheEnvelopeSchema(Fixture fixture) {
    JsonNode envelope = tree(fixture.bytes());
    Class<? extends Event> type = EventTypes.byWireType(fixture.wireType()).orElseThrow();

    assertThat(errors(EventTypes.schemaResource(type), envelope.get("data"))).isEmpty();
    assertThat(errors(ENVELOPE, envelope)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.eventca.events.SampleEvents#all")
  void whatTheCurrentCodecWritesValidates(Event event) {
    JsonNode envelope = tree(new EventCodec("schema-test").encode(event));

    assertThat(errors(EventTypes.schemaResource(event.getClass()), envelope.get("data"))).isEmpty();
    assertThat(errors(ENVELOPE, envelope)).isEmpty();
  }

  // --- rejection: the schema refuses what the Java types refuse ---

  @Test
  void invalidPayloadsAreRejected() {
    assertRejected("v1/certificate-issued.v1.json", data -> data.put("serialNumber", "0abc"), "serialNumber");
    assertRejected("v1/certificate-issued.v1.json", data -> data.put("caId", "X"), "caId");
    assertRejected("v1/certificate-issued.v1.json", data -> data.remove("requestId"), "requestId");
    assertRejected("v1/certificate-issued.v1.json", data -> data.put("notAfter", "next tuesday"), "notAfter");
    assertRejected("v1/certificate-revoked.v1.json", data -> data.put("reason", "stolen"), "reason");
    assertRejected("v1/ca-created.v1.json", data -> data.put("keyAlgorithm", "DSA"), "keyAlgorithm");
    assertRejected("v1/ca-created.v1.json", data -> data.put("keySize", "2048"), "keySize");
    assertRejected("v1/ca-creation-requested.v1.json", data -> ((ObjectNode) data.get("subject")).remove("commonName"), "commonName");
    assertRejected("v1/crl-published.v1.json", data -> data.put("crlPem", "MIIB..."), "crlPem");
    assertRejected("v1/ca-key-stored.v1.json", data -> data.put("publicKeySha256", "not hex"), "publicKeySha256");
    // a KEK record still needs its KEK and wrapped key; a token record needs to say where the key is
    assertRejected("v1/ca-key-stored.v1.json", data -> data.remove("wrappedPrivateKey"), "wrappedPrivateKey");
    assertRejected("v1/ca-key-stored.v1.json", data -> data.remove("kekId"), "kekId");
    assertRejected("v1/ca-key-stored.v1.pkcs11.json", data -> data.remove("keyLabel"), "keyLabel");
    assertRejected("v1/ca-key-stored.v1.pkcs11.json", data -> data.remove("tokenLabel"), "tokenLabel");
    assertRejected("v1/ca-key-stored.v1.pkcs11.json", data -> data.put("custody", "kms"), "custody");
    assertRejected("v1/certificate-issued.v1.with-request-sha256.json", data -> data.put("requestSha256", "ABC"), "requestSha256");
    assertRejected("v1/certificate-rejected.v1.with-request-sha256.json", data -> data.put("requestSha256", "x"), "requestSha256");
    assertRejected("v1/certificate-delivered.v1.json", data -> data.put("chainPem", "MIIB..."), "chainPem");
    assertRejected("v1/certificate-delivered.v1.json", data -> data.put("repeated", "yes"), "repeated");
    assertRejected("v1/certificate-request-refused.v1.json", data -> data.remove("code"), "code");
    assertRejected("v1/request-dead-lettered.v1.json", data -> data.put("originalSha256", "not hex"), "originalSha256");
    assertRejected("v1/request-dead-lettered.v1.json", data -> data.put("sourceOffset", -1), "sourceOffset");
    assertRejected("v1/request-dead-lettered.v1.json", data -> data.put("originalBase64", "not base64!"), "originalBase64");
    assertRejected("v1/request-dead-lettered.v1.unreadable.json", data -> data.remove("sourceTopic"), "sourceTopic");
    assertRejected("v1/key-download-locked-out.v1.json", data -> data.remove("caller"), "caller");
    assertRejected("v1/key-download-locked-out.v1.json", data -> data.put("failures", "ten"), "failures");
    assertRejected("v1/key-download-unlocked.v1.json", data -> data.remove("lockedAt"), "lockedAt");
  }

  @Test
  void invalidEnvelopesAreRejected() {
    for (Consumer<ObjectNode> breakIt :
        List.<Consumer<ObjectNode>>of(
            e -> e.put("specversion", "0.3"),
            e -> e.put("type", "com.example.order-placed"),
            e -> e.put("type", "io.eventca.CertificateIssued"),
            e -> e.put("subject", "X"),
            e -> e.put("time", "yesterday"),
            e -> e.put("datacontenttype", "text/plain"),
            e -> e.remove("id"),
            e -> e.remove("data"))) {
      ObjectNode envelope = (ObjectNode) tree(Fixtures.named("v1/certificate-issued.v1.json").bytes());
      breakIt.accept(envelope);
      assertThat(errors(ENVELOPE, envelope)).as(envelope.toString()).isNotEmpty();
    }
  }

  /**
   * One field of a fixture replaced by each value: the schema and the decoder must give the same verdict, so
   * a non-Java writer that follows the schema writes records eventca can read.
   */
  @ParameterizedTest(name = "{1}=\"{2}\" readable={3}")
  @CsvSource({
    "v1/certificate-issued.v1.json,  serialNumber, 1, true",
    "v1/certificate-issued.v1.json,  serialNumber, 7fffffffffffffffffffffffffffffffffffffff, true",
    "v1/certificate-issued.v1.json,  serialNumber, 800000000000000000000000000000000000000, true",
    "v1/certificate-issued.v1.json,  serialNumber, 8000000000000000000000000000000000000000, false",
    "v1/certificate-issued.v1.json,  serialNumber, 0abc, false",
    "v1/certificate-issued.v1.json,  serialNumber, 0, false",
    "v1/certificate-issued.v1.json,  serialNumber, ABC, false",
    "v1/certificate-issued.v1.json,  serialNumber, 10000000000000000000000000000000000000000, false",
    "v1/certificate-issued.v1.json,  caId,         00000000-0000-0000-0000-000000000000,       true",
    "v1/certificate-issued.v1.json,  caId,         X,                                          false",
    "v1/certificate-issued.v1.json,  caId,         3F6B2C1E-8A4D-4E9B-B7C2-5D1E0F9A6B3C,       false",
    "v1/certificate-issued.v1.json,  caId,         3f6b2c1e8a4d4e9bb7c25d1e0f9a6b3c,           false",
    "v1/certificate-issued.v1.json,  requestId,    a,                                          true",
    "v1/certificate-issued.v1.json,  requestId,    A.b_c:d-e,                                  true",
    "v1/certificate-issued.v1.json,  requestId,    -a,                                         false",
    "v1/certificate-issued.v1.json,  requestId,    a b,                                        false",
    "v1/certificate-issued.v1.json,  requestId,    '',                                         false",
    "v1/certificate-revoked.v1.json, reason,       removeFromCRL,                              true",
    "v1/certificate-revoked.v1.json, reason,       keycompromise,                              false",
    "v1/ca-created.v1.json,          keyAlgorithm, EC,                                         true",
    "v1/ca-created.v1.json,          keyAlgorithm, rsa,                                        false",
    "v1/ca-key-stored.v1.json,        custody,     kek,                                        true",
    "v1/ca-key-stored.v1.pkcs11.json, custody,     PKCS11,                                     false",
    "v1/certificate-delivered.v1.json,         serialNumber, 0abc,                                 false",
    "v1/certificate-delivered.v1.json,         requestId,    a b,                                  false",
    "v1/certificate-request-refused.v1.json,   caId,         00000000-0000-0000-0000-000000000000, true",
    "v1/certificate-request-refused.v1.json,   caId,         unknown,                              false",
    "v1/request-dead-lettered.v1.json,         requestId,    A.b_c:d-e,                            true",
    "v1/request-dead-lettered.v1.json,         requestId,    -a,                                   false",
    "v1/request-dead-lettered.v1.unreadable.json, caId,      X,                                    false",
  })
  void schemaAndDecoderAgree(String fixture, String field, String value, boolean readable) {
    ObjectNode envelope = (ObjectNode) tree(Fixtures.named(fixture).bytes());
    ((ObjectNode) envelope.get("data")).put(field, value);
    Class<? extends Event> type = EventTypes.byWireType(envelope.get("type").asText()).orElseThrow();

    boolean decodes = decodes(envelope);
    boolean validates = errors(EventTypes.schemaResource(type), envelope.get("data")).isEmpty();

    assertThat(decodes).as("decoder accepts").isEqualTo(readable);
    assertThat(validates).as("schema accepts").isEqualTo(readable);
  }

  @Test
  void maxLengthRequestIdAgrees() {
    for (int length : new int[] {128, 129}) {
      ObjectNode envelope = (ObjectNode) tree(Fixtures.named("v1/certificate-rejected.v1.json").bytes());
      ((ObjectNode) envelope.get("data")).put("requestId", "r".repeat(length));
      boolean readable = length <= 128;
      assertThat(decodes(envelope)).as("decoder, length " + length).isEqualTo(readable);
      assertThat(errors("schemas/certificate-rejected.v1.schema.json", envelope.get("data")).isEmpty())
          .as("schema, length " + length)
          .isEqualTo(readable);
    }
  }

  // --- helpers ---

  /** Each Java component type maps to one schema shape; the id patterns are the ones the id records enforce. */
  private static void assertMatchesJavaType(String field, Class<?> javaType, JsonNode property) {
    if (javaType == CaId.class) {
      assertThat(property.path("pattern").asText()).as(field).isEqualTo("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    } else if (javaType == RequestId.class) {
      assertThat(property.path("pattern").asText()).as(field).isEqualTo("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");
    } else if (javaType == SerialNumber.class) {
      assertThat(property.path("pattern").asText()).as(field).isEqualTo("^(?:[1-9a-f][0-9a-f]{0,38}|[1-7][0-9a-f]{39})$");
    } else if (javaType == Instant.class) {
      assertThat(property.path("format").asText()).as(field).isEqualTo("date-time");
    } else if (javaType.isEnum()) {
      assertThat(texts(property.path("enum")))
          .as(field)
          .containsExactlyInAnyOrderElementsOf(
              Arrays.stream(javaType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
    } else if (javaType == int.class || javaType == long.class) {
      assertThat(property.path("type").asText()).as(field).isEqualTo("integer");
      return;
    } else if (javaType == Integer.class || javaType == Long.class) {
      assertThat(texts(property.path("type"))).as(field).containsExactlyInAnyOrder("integer", "null");
      return;
    } else if (javaType == Boolean.class) {
      assertThat(texts(property.path("type"))).as(field).containsExactlyInAnyOrder("boolean", "null");
      return;
    } else if (javaType == java.util.List.class) {
      assertThat(texts(property.path("type"))).as(field).containsExactlyInAnyOrder("array", "null");
      return;
    } else if (javaType == io.eventca.events.ids.RequesterName.class) {
      assertThat(property.path("pattern").asText()).as(field).isEqualTo("^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}$");
    } else if (javaType == io.eventca.events.registry.RequesterPolicy.class) {
      assertThat(names(property.path("properties"))).as(field).containsExactlyElementsOf(
          Arrays.stream(javaType.getRecordComponents()).map(RecordComponent::getName).toList());
      assertThat(property.path("type").asText()).as(field).isEqualTo("object");
      return;
    } else if (javaType == SubjectName.class) {
      JsonNode type = property.path("type");
      Set<String> expected = NULLABLE.contains(field) ? Set.of("object", "null") : Set.of("object");
      assertThat(type.isArray() ? texts(type) : Set.of(type.asText())).as(field).isEqualTo(expected);
      return;
    } else {
      assertThat(javaType).as(field + ": a component type this test does not know yet").isEqualTo(String.class);
    }
    boolean nullable = NULLABLE.contains(field);
    JsonNode jsonType = property.path("type");
    Set<String> types = jsonType.isArray() ? texts(jsonType) : Set.of(jsonType.asText());
    assertThat(types).as(field + " type").isEqualTo(nullable ? Set.of("string", "null") : Set.of("string"));
  }

  private static void assertRejected(String fixture, Consumer<ObjectNode> breakData, String field) {
    ObjectNode envelope = (ObjectNode) tree(Fixtures.named(fixture).bytes());
    breakData.accept((ObjectNode) envelope.get("data"));
    Class<? extends Event> type = EventTypes.byWireType(envelope.get("type").asText()).orElseThrow();

    List<String> errors = errors(EventTypes.schemaResource(type), envelope.get("data"));
    assertThat(errors).as(fixture + " with a bad " + field).isNotEmpty();
    assertThat(String.join("\n", errors)).contains(field);
  }

  private static boolean decodes(JsonNode envelope) {
    try {
      EventCodec.decode(null, Json.MAPPER.writeValueAsBytes(envelope));
      return true;
    } catch (UnreadableEventException e) {
      assertThat(e.code()).isEqualTo(UnreadableEventException.BAD_PAYLOAD);
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Validation messages (each names the property); empty when the instance is valid. */
  private static List<String> errors(String schemaResource, JsonNode instance) {
    Schema schema = REGISTRY.getSchema(new ByteArrayInputStream(Fixtures.resource(schemaResource)));
    return schema.validate(instance.toString(), InputFormat.JSON).stream().map(e -> e.toString()).toList();
  }

  private static JsonNode tree(byte[] json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> names(JsonNode object) {
    return object.properties().stream().map(java.util.Map.Entry::getKey).toList();
  }

  private static Set<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
