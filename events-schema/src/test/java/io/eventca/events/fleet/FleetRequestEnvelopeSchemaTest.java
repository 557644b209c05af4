package io.eventca.events.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.eventca.events.Fixtures;
import io.eventca.events.cert.CertificateRequested;
import io.eventca.events.envelope.EventCodec;
import io.eventca.events.envelope.Json;
import io.eventca.events.envelope.UnreadableEventException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fleet-request-envelope.schema.json describes what a fleet service writes to eventca.fleet-requests: the request
 * docs/fleet-console.sh builds validates, and for each change the schema's verdict is compared with the worker's
 * decoder, so the schema asks for no more than the worker needs (no time, any source) and lets through nothing it
 * cannot read. Where the two differ on purpose, the case says what the worker does instead.
 */
class FleetRequestEnvelopeSchemaTest {
  private static final String SCHEMA = "schemas/fleet-request-envelope.schema.json";
  private static final String PAYLOAD_SCHEMA_ID = "urn:eventca:schema:certificate-requested:v1";
  /** The payload schema is referenced by its $id, as any client's validator would load it. */
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder
              .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
              .schemas(Map.of(PAYLOAD_SCHEMA_ID,
                  new String(Fixtures.resource("schemas/certificate-requested.v1.schema.json"), StandardCharsets.UTF_8))));

  @Test
  void theRequestOfTheFleetConsoleScriptValidatesDecodesAndItsSignatureVerifies() throws Exception {
    JsonNode request = FleetVectors.json(FleetVectors.FLEET_CONSOLE_REQUEST);

    assertThat(errors(SCHEMA, request)).isEmpty();
    CertificateRequested decoded = (CertificateRequested) EventCodec.decode(null, bytes(request)).payload();
    JsonNode vector = FleetVectors.json(FleetVectors.SIGNATURE_VECTOR);
    assertThat(RequestFingerprint.of(decoded)).isEqualTo(FleetVectors.fingerprintVector("minimal").sha256());
    Signature verifier = Signature.getInstance("SHA256withECDSA", new BouncyCastleProvider());
    verifier.initVerify(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
        Base64.getMimeDecoder().decode(vector.path("publicKeyPem").asText().replaceAll("-----[A-Z ]+-----", "")))));
    verifier.update(RequestSignature.message(decoded));
    assertThat(verifier.verify(Base64.getDecoder().decode(decoded.signature()))).isTrue();
  }

  /** The fixture is the jq output of docs/fleet-console.sh: the same fields in the same order, the same constants. */
  @Test
  void theFixtureHasTheFieldsTheScriptBuilds() {
    String script = FleetVectors.repositoryFile("docs/fleet-console.sh");
    String program = script.substring(script.indexOf("jq -cn"), script.indexOf("> request.json"));
    JsonNode request = FleetVectors.json(FleetVectors.FLEET_CONSOLE_REQUEST);

    List<String> scriptFields = new ArrayList<>();
    Matcher field = Pattern.compile("([A-Za-z]+): ").matcher(program);
    while (field.find()) {
      scriptFields.add(field.group(1));
    }
    List<String> fixtureFields = new ArrayList<>();
    request.fieldNames().forEachRemaining(name -> {
      fixtureFields.add(name);
      if (name.equals("data")) {
        request.path("data").fieldNames().forEachRemaining(fixtureFields::add);
      }
    });
    assertThat(fixtureFields).isEqualTo(scriptFields);

    Matcher constant = Pattern.compile("([A-Za-z]+): (\"[^\"$]*\"|[0-9]+)[,}]").matcher(program);
    int constants = 0;
    while (constant.find()) {
      JsonNode value = request.has(constant.group(1)) ? request.get(constant.group(1)) : request.path("data").get(constant.group(1));
      assertThat(value.toString()).as(constant.group(1)).isEqualTo(constant.group(2));
      constants++;
    }
    // A reformatted script must not turn the comparison into one of nothing.
    assertThat(constants).isEqualTo(8);
  }

  /** Why the fleet request has a schema of its own: eventca's own envelope requires what a fleet service need not send. */
  @Test
  void eventcasOwnEnvelopeSchemaWouldRefuseIt() {
    String refusals = String.join("\n", errors("schemas/cloudevent-envelope.schema.json", FleetVectors.json(FleetVectors.FLEET_CONSOLE_REQUEST)));

    assertThat(refusals).contains("time").contains("source");
  }

  record Case(String name, Consumer<ObjectNode> change, boolean schemaAccepts, boolean workerReads) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * workerReads: EventCodec.decode (the worker's decoder) yields a CertificateRequested. Where the schema refuses
   * what the decoder reads, the case's name says why: the worker refuses it a step later, or it tolerates a form the
   * contract does not offer.
   */
  static List<Case> cases() {
    return List.of(
        new Case("as the script writes it", e -> {}, true, true),
        new Case("with time", e -> e.put("time", "2023-11-14T22:13:20Z"), true, true),
        new Case("time not RFC 3339", e -> e.put("time", "yesterday"), false, false),
        new Case("without subject", e -> e.remove("subject"), true, true),
        new Case("subject not a CA id (not read)", e -> e.put("subject", "svc-1"), true, true),
        new Case("without datacontenttype", e -> e.remove("datacontenttype"), true, true),
        new Case("datacontenttype with a charset", e -> e.put("datacontenttype", "application/json; charset=utf-8"), true, true),
        new Case("datacontenttype text/plain", e -> e.put("datacontenttype", "text/plain"), false, false),
        new Case("source a URN", e -> e.put("source", "urn:example:svc-1"), true, true),
        new Case("source not a URI reference", e -> e.put("source", "svc 1"), false, false),
        new Case("without source", e -> e.remove("source"), false, false),
        new Case("without id", e -> e.remove("id"), false, false),
        new Case("without specversion", e -> e.remove("specversion"), false, false),
        new Case("specversion 0.3 (tolerated, not the contract)", e -> e.put("specversion", "0.3"), false, true),
        new Case("type certificate-issued (dead-lettered)", e -> e.put("type", "io.eventca.certificate-issued.v1"), false, false),
        new Case("without data", e -> e.remove("data"), false, false),
        new Case("data_base64 instead of data (tolerated, not the contract)", e -> {
          String base64 = Base64.getEncoder().encodeToString(e.get("data").toString().getBytes(StandardCharsets.UTF_8));
          e.remove("data");
          e.put("data_base64", base64);
        }, false, true),
        new Case("an extension (read and ignored)", e -> e.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), true, true),
        new Case("an extension name with capitals", e -> e.put("myExt", "x"), false, false),
        new Case("an extension name with an underscore", e -> e.put("my_ext", "x"), false, false),
        new Case("caId in capitals", e -> data(e).put("caId", "3F6B2C1E-8A4D-4E9B-B7C2-5D1E0F9A6B3C"), false, false),
        new Case("without validityDays", e -> data(e).remove("validityDays"), false, false),
        new Case("without csrPem (dead-lettered: csrPem missing)", e -> data(e).remove("csrPem"), false, true),
        new Case("without requestedAt (not read by the worker, required of the payload)", e -> data(e).remove("requestedAt"), false, true),
        new Case("without replyTopic (answered on eventca.replies)", e -> data(e).remove("replyTopic"), true, true),
        new Case("replyTopic null (answered on eventca.replies)", e -> data(e).putNull("replyTopic"), true, true),
        new Case("replyTopic not eventca.* (never answered)", e -> data(e).put("replyTopic", "replies"), false, true),
        new Case("without signature (dead-lettered: signature-invalid)", e -> data(e).remove("signature"), false, true),
        new Case("signature with a line break (dead-lettered: signature-invalid)",
            e -> data(e).put("signature", data(e).get("signature").asText().substring(0, 40) + "\n"
                + data(e).get("signature").asText().substring(40)), false, true),
        new Case("signature without padding", e -> data(e).put("signature", data(e).get("signature").asText().replace("=", "")), true, true),
        new Case("without requestedBy (dead-lettered: requester-unknown)", e -> data(e).remove("requestedBy"), false, true),
        new Case("requestedBy with a slash (dead-lettered: requester-unknown)", e -> data(e).put("requestedBy", "svc/1"), false, true),
        new Case("a subjectAltNames entry null (fingerprinted as the text null)", e -> data(e).putArray("subjectAltNames").add("svc-1.fleet.internal").addNull(), false, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theSchemaAndTheWorkersDecoder(Case c) {
    ObjectNode request = (ObjectNode) FleetVectors.json(FleetVectors.FLEET_CONSOLE_REQUEST);
    c.change().accept(request);

    if (c.schemaAccepts()) {
      assertThat(errors(SCHEMA, request)).as("schema errors").isEmpty();
    } else {
      assertThat(errors(SCHEMA, request)).as("schema errors").isNotEmpty();
    }
    assertThat(workerReads(request)).as("the worker's decoder reads a certificate request").isEqualTo(c.workerReads());
  }

  /** The signature pattern is exactly what the worker's base64 decoder (java.util.Base64.getDecoder()) takes. */
  @Test
  void theSignaturePatternIsTheWorkersBase64() {
    for (String signature : new String[] {
        "AA", "AAA", "AAAA", "AA==", "AAA=", "AAAAAA", "A", "AA=", "AAAAA", "AA AA", "AA\nAA", "-_-_", "AA==AA", "A===", "AB+/", ""}) {
      ObjectNode request = (ObjectNode) FleetVectors.json(FleetVectors.FLEET_CONSOLE_REQUEST);
      data(request).put("signature", signature);
      boolean decodes;
      try {
        decodes = !signature.isBlank() && Base64.getDecoder().decode(signature) != null;
      } catch (IllegalArgumentException e) {
        decodes = false;
      }
      assertThat(errors(SCHEMA, request).isEmpty()).as("schema accepts \"%s\"", signature).isEqualTo(decodes);
    }
  }

  private static ObjectNode data(ObjectNode envelope) {
    return (ObjectNode) envelope.get("data");
  }

  private static boolean workerReads(JsonNode request) {
    try {
      return EventCodec.decode(null, bytes(request)).payload() instanceof CertificateRequested;
    } catch (UnreadableEventException e) {
      return false;
    }
  }

  private static byte[] bytes(JsonNode json) {
    try {
      return Json.MAPPER.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> errors(String schemaResource, JsonNode instance) {
    Schema schema = REGISTRY.getSchema(new ByteArrayInputStream(Fixtures.resource(schemaResource)));
    return schema.validate(instance.toString(), InputFormat.JSON).stream().map(Object::toString).toList();
  }
}
