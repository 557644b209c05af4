package io.eventca.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventca.client.FakeIssuer;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.ids.CaId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator end to end against the in-JVM broker, with the client tests' FakeIssuer answering. */
class LoadGeneratorTest {
  @Test
  void runsTheClosedLoopAndTheRawLimitAndReportsBoth(@TempDir Path dir) throws Exception {
    String kafka = FakeIssuer.kafka();
    CaId ca = CaId.random();
    FakeIssuer.Behaviour issuing = FakeIssuer.issuing();
    // Every tenth request (by the index at the end of its id) is refused, the rest issued.
    FakeIssuer.Behaviour behaviour = (request, times) -> {
      String id = request.requestId().value();
      int index = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
      return index % 10 == 0
          ? Optional.of(FakeIssuer.refused(request, ErrorCode.POLICY_VIOLATION.code(), "every tenth"))
          : issuing.answer(request, times);
    };
    Path json = dir.resolve("load.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    LoadGenerator.Report report;
    try (FakeIssuer issuer = new FakeIssuer(kafka, ca, behaviour)) {
      Options options = Options.parse("--bootstrap", kafka, "--ca", ca.value(), "--requests", "50",
          "--requesters", "4", "--in-flight", "2", "--key-pool", "5", "--clients", "both", "--timeout", "30",
          "--ca-key", "ec", "--raw-seconds", "0.3", "--raw-warmup-seconds", "0.1", "--json", json.toString());
      report = LoadGenerator.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(issuer.received()).hasSize(100).doesNotHaveDuplicates();
    }

    assertThat(report.runs()).extracting(EndToEnd.Result::clients).containsExactly("shared", "per-requester");
    for (EndToEnd.Result run : report.runs()) {
      assertThat(run.requests()).isEqualTo(50);
      assertThat(run.issued()).isEqualTo(45);
      assertThat(run.refused()).isEqualTo(5);
      assertThat(run.refusalCodes()).isEqualTo(Map.of("policy-violation", 5));
      assertThat(run.repeated()).isZero();
      assertThat(run.timeouts()).isZero();
      assertThat(run.errors()).isZero();
      assertThat(run.sortedLatencies()).hasSize(50).isSorted();
      assertThat(run.latencyMs(50)).isPositive().isLessThanOrEqualTo(run.latencyMs(99));
    }
    assertThat(report.raw().certificates()).isPositive();
    assertThat(report.ratio()).isPositive();

    String summary = out.toString(StandardCharsets.UTF_8);
    assertThat(summary).contains("50 of 50 answered").contains("issued 45").contains("refused 5")
        .contains("timeouts 0").contains("p50").contains("p99").contains("certificates/s").contains("end-to-end / raw");

    JsonNode written = new ObjectMapper().readTree(json.toFile());
    assertThat(written.path("endToEnd")).hasSize(2);
    assertThat(written.path("endToEnd").get(0).path("issued").asInt()).isEqualTo(45);
    assertThat(written.path("endToEnd").get(0).path("refused").asInt()).isEqualTo(5);
    assertThat(written.path("endToEnd").get(0).path("timeouts").asInt()).isZero();
    assertThat(written.path("endToEnd").get(0).path("latencyMs").path("p99").isNumber()).isTrue();
    assertThat(written.path("raw").path("certificatesPerSecond").isNumber()).isTrue();
    assertThat(written.path("raw").path("caKey").asText()).isEqualTo("ec");
  }
}
