package io.eventca.events.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one error vocabulary, its table in docs/ERRORS.md and the JSON Schemas of the events that carry a code say the
 * same thing: every code the code can emit (an ErrorCode: RequestProblem and the worker's answers take nothing else)
 * is in each schema's enum, and no schema or doc lists a code that does not exist.
 */
class ErrorVocabularyTest {
  private static final Path DOC = Path.of("").toAbsolutePath().getParent().resolve("docs/ERRORS.md");

  @ParameterizedTest
  @ValueSource(strings = {"certificate-request-refused", "certificate-rejected", "request-dead-lettered", "ca-creation-failed"})
  void eachSchemaListsExactlyTheVocabulary(String event) throws IOException {
    JsonNode code = schema(event).path("properties").path("code");
    List<String> listed = new ArrayList<>();
    code.path("anyOf").path(0).path("enum").forEach(n -> listed.add(n.asText()));
    assertThat(listed).as(event + " code enum").containsExactly(codes());
    // A later code must not break a reader that validates: the second branch takes any code of the same form.
    assertThat(code.path("anyOf").path(1).path("pattern").asText()).isEqualTo("^[a-z]+(-[a-z]+)*$");
    assertThat(codes()).allMatch(c -> c.matches(code.path("anyOf").path(1).path("pattern").asText()));
  }

  @Test
  void theDocTableIsTheEnum() throws IOException {
    String doc = Files.readString(DOC);
    String table = doc.substring(doc.indexOf("<!-- error-table -->"), doc.indexOf("<!-- end error-table -->"));
    Matcher row = Pattern.compile("^\\| `([a-z-]+)` \\| ([A-Z_]+) \\| (\\d{3}) \\| (.*) \\|$", Pattern.MULTILINE).matcher(table);
    List<String> rows = new ArrayList<>();
    while (row.find()) {
      rows.add(row.group(1) + " " + row.group(2) + " " + row.group(3) + " " + row.group(4));
    }
    assertThat(rows).containsExactly(Arrays.stream(ErrorCode.values())
        .map(c -> c.code() + " " + c.kind() + " " + c.kind().httpStatus() + " " + c.meaning()).toArray(String[]::new));
  }

  @Test
  void codesAreDistinctKebabCaseAndReadBack() {
    assertThat(codes()).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z]+(-[a-z]+)*"));
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(ErrorCode.of(c.code())).contains(c);
      assertThat(c.toString()).as("formatted into a message it reads as on the wire").isEqualTo(c.code());
    }
    assertThat(ErrorCode.of("a-code-from-a-newer-writer")).isEmpty();
  }

  @Test
  void onJsonACodeIsItsWireForm() throws IOException {
    assertThat(new ObjectMapper().writeValueAsString(ErrorCode.WEAK_KEY)).isEqualTo("\"weak-key\"");
  }

  @Test
  void onlyFailuresOfEventcaAndTheRateLimitAreWorthSendingAgain() {
    assertThat(Arrays.stream(ErrorKind.values()).filter(ErrorKind::sendAgain))
        .containsExactlyInAnyOrder(ErrorKind.RATE_LIMITED, ErrorKind.INTERNAL);
    assertThat(ErrorKind.INTERNAL.httpStatus()).as("an outage is 503, not 500").isEqualTo(503);
  }

  private static String[] codes() {
    return Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toArray(String[]::new);
  }

  private static JsonNode schema(String event) throws IOException {
    try (InputStream in = ErrorVocabularyTest.class.getClassLoader().getResourceAsStream("schemas/" + event + ".v1.schema.json")) {
      return new ObjectMapper().readTree(in);
    }
  }
}
