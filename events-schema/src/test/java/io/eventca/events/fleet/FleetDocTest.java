package io.eventca.events.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventca.events.envelope.Json;
import io.eventca.events.fleet.FleetVectors.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/FLEET.md is what a non-Java client implements from, so what it shows must be the fixtures the tests check:
 * the vectors between its markers are parsed back and compared, and its links to them must resolve.
 */
class FleetDocTest {
  private static final String DOC = "docs/FLEET.md";
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\n(.*?)\n```", Pattern.DOTALL);
  private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| .* \\| `([0-9a-f]{64})` \\|$", Pattern.MULTILINE);

  @Test
  void theFingerprintVectorsShownInFullAreTheFixtures() {
    List<JsonNode> shown = jsonBlocks(between("fingerprint-vectors"));

    assertThat(shown).as("vectors written out in full").hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode vector : shown) {
      assertThat(vector).as(vector.path("name").asText()).isEqualTo(FleetVectors.fingerprintVector(vector.path("name").asText()).json());
    }
  }

  @Test
  void theTableListsEveryFingerprintVectorWithItsHash() {
    Map<String, String> listed = new LinkedHashMap<>();
    Matcher row = TABLE_ROW.matcher(between("fingerprint-vectors"));
    while (row.find()) {
      listed.put(row.group(1), row.group(2));
    }
    Map<String, String> fixture = new LinkedHashMap<>();
    for (Vector v : FleetVectors.fingerprintVectors()) {
      fixture.put(v.name(), v.sha256());
    }

    assertThat(listed).containsExactlyEntriesOf(fixture);
  }

  @Test
  void theSignatureVectorShownIsTheFixture() {
    List<JsonNode> shown = jsonBlocks(between("signature-vector"));
    ObjectNode fixture = (ObjectNode) FleetVectors.json(FleetVectors.SIGNATURE_VECTOR).deepCopy();
    // The page leaves out what it describes in words: the private key and the request.
    fixture.remove(List.of("about", "privateKeyPem", "request"));

    assertThat(shown).containsExactly(fixture);
  }

  @Test
  void theLinksToTheFixturesAndSchemasResolve() {
    Matcher link = Pattern.compile("\\]\\((\\.\\./events-schema/[^)]+)\\)").matcher(FleetVectors.repositoryFile(DOC));
    List<String> targets = new ArrayList<>();
    while (link.find()) {
      targets.add(link.group(1));
    }

    assertThat(targets).contains(
        "../events-schema/src/test/resources/" + FleetVectors.FINGERPRINT_VECTORS,
        "../events-schema/src/test/resources/" + FleetVectors.SIGNATURE_VECTOR,
        "../events-schema/src/test/resources/" + FleetVectors.FLEET_CONSOLE_REQUEST,
        "../events-schema/src/main/resources/schemas/fleet-request-envelope.schema.json");
    for (String target : targets) {
      assertThat(Files.isRegularFile(FleetVectors.ROOT.resolve("docs").resolve(target).normalize())).as(target).isTrue();
    }
  }

  /** WalkthroughIT checks the same, but only where a broker runs; a page edited here should fail here. */
  @Test
  void theConsoleWalkthroughIsTheScriptWordForWord() {
    String script = FleetVectors.repositoryFile("docs/fleet-console.sh");
    String start = "# --- fleet ---\n";
    String walkthrough = script.substring(script.indexOf(start) + start.length(), script.indexOf("# --- end ---")).strip();

    assertThat(FleetVectors.repositoryFile(DOC)).contains(walkthrough);
  }

  private static String between(String marker) {
    String doc = FleetVectors.repositoryFile(DOC);
    String begin = "<!-- " + marker + ": begin -->";
    String end = "<!-- " + marker + ": end -->";
    assertThat(doc).as(DOC + " markers").contains(begin, end);
    return doc.substring(doc.indexOf(begin) + begin.length(), doc.indexOf(end));
  }

  private static List<JsonNode> jsonBlocks(String markdown) {
    List<JsonNode> blocks = new ArrayList<>();
    Matcher block = JSON_BLOCK.matcher(markdown);
    while (block.find()) {
      try {
        blocks.add(Json.MAPPER.readTree(block.group(1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return blocks;
  }
}
