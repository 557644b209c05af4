package io.eventca.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The hostile-input catalogue over Kafka (issuer-worker's {@code hostile-requests/}: cases.json, the CloudEvent template
 * and the CSR fixtures), read one way for every test that sends it: issuer-worker's HostileRequestsTest and the
 * system test that runs it through the whole pipeline.
 */
public final class HostileRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One row of cases.json. */
  public record Row(JsonNode json) {
    public String category() {
      return json.get("category").asText();
    }

    public String name() {
      return json.get("name").asText();
    }

    public String refusal() {
      return json.hasNonNull("refusal") ? json.get("refusal").asText() : null;
    }

    public String deadLetter() {
      return json.hasNonNull("deadLetter") ? json.get("deadLetter").asText() : null;
    }
  }

  private final Function<String, byte[]> files;

  /** @param files the catalogue's files by their path in it ({@code cases.json}, {@code csr/good-p256.csr}, ...) */
  public HostileRequests(Function<String, byte[]> files) {
    this.files = files;
  }

  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    read("cases.json").forEach(row -> rows.add(new Row(row)));
    return rows;
  }

  /** The row's record value: its raw bytes, or the template with the row's data, CSR fixture and names put in. */
  public byte[] record(Row row, String caId, String id) {
    JsonNode c = row.json();
    try {
      if (c.hasNonNull("raw")) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (c.hasNonNull("rawBase64Prefix")) {
          out.write(Base64.getDecoder().decode(c.get("rawBase64Prefix").asText()));
        }
        out.write(fill(c.get("raw").asText(), caId, id).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
      }
      ObjectNode event = (ObjectNode) JSON.readTree(fill(text("request-template.json"), caId, id));
      ObjectNode data = (ObjectNode) event.get("data");
      if (c.hasNonNull("csrFile")) {
        data.put("csrPem", csr(c.get("csrFile").asText()));
      }
      c.path("data").fields().forEachRemaining(f -> data.set(f.getKey(),
          f.getValue().isTextual() ? JSON.getNodeFactory().textNode(f.getValue().asText().replace("{id}", id)) : f.getValue()));
      if (c.hasNonNull("sans")) {
        ArrayNode names = data.putArray("subjectAltNames");
        for (int i = 0; i < c.get("sans").asInt(); i++) {
          names.add("h" + i + ".example.internal");
        }
      }
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A valid request from the template, with this CSR fixture and these extra data fields. */
  public byte[] valid(String caId, String id, String csrFile, java.util.Map<String, String> data) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(fill(text("request-template.json"), caId, id));
      ObjectNode fields = ((ObjectNode) event.get("data")).put("csrPem", csr(csrFile));
      data.forEach(fields::put);
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String csr(String file) {
    return new String(files.apply("csr/" + file), StandardCharsets.US_ASCII);
  }

  private JsonNode read(String file) {
    try {
      return JSON.readTree(files.apply(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String text(String file) {
    return new String(files.apply(file), StandardCharsets.UTF_8);
  }

  private static String fill(String text, String caId, String id) {
    return text.replace("{caId}", caId).replace("{id}", id);
  }
}
