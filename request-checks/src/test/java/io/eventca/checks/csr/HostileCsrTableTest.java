package io.eventca.checks.csr;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.checks.RequestProblem;
import io.eventca.checks.names.NameRules;
import io.eventca.checks.names.SubjectAltNames;
import io.eventca.checks.subject.SubjectProblem;
import io.eventca.checks.subject.Subjects;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.profile.CertificateProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every hostile CSR fixture (hostile-csr/, also sent by ca-service's BadInputTest over HTTP and by issuer-worker's
 * HostileRequestsTest over Kafka) through the one chain of request checks both entry points run: CsrChecks, the
 * subject decoder, SubjectAltNames under the server profile. Given the fixture, when it is checked, then the outcome
 * is the row's: {@code ok} or the refusal code, with the words its detail must hold. Table: hostile-csr/checks.psv.
 */
class HostileCsrTableTest {
  record Row(String file, String outcome, String words) {
    @Override
    public String toString() {
      return file;
    }
  }

  static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : read("checks.psv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\\|", -1);
      rows.add(new Row(cells[0].strip(), cells[1].strip(), cells.length > 2 ? cells[2].strip() : ""));
    }
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void givenTheFixtureWhenCheckedThenTheRowsOutcome(Row row) throws IOException {
    String outcome;
    String detail = "";
    try {
      check(read(row.file()));
      outcome = "ok";
    } catch (RequestProblem p) {
      outcome = p.code().code();
      detail = p.detail();
    }
    assertThat(outcome).as(row.file() + " (" + detail + ")").isEqualTo(row.outcome());
    assertThat(detail).as(row.file()).contains(row.words());
  }

  @Test
  void everyFixtureHasARow() throws IOException, URISyntaxException {
    Path dir = Path.of(HostileCsrTableTest.class.getResource("/hostile-csr/good-p256.csr").toURI()).getParent();
    Set<String> files;
    try (Stream<Path> inDir = Files.list(dir)) {
      files = inDir.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csr")).collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> listed = rows().stream().map(Row::file).collect(Collectors.toCollection(TreeSet::new));
    assertThat(listed).isEqualTo(files);
  }

  /** What ca-service's door and issuer-worker's step 1 both do with a CSR that brings its own subject and names. */
  static void check(String pem) {
    CheckedCsr csr = CsrChecks.check(pem);
    try {
      Subjects.decode(csr.subject());
    } catch (SubjectProblem e) {
      throw new RequestProblem(ErrorCode.POLICY_VIOLATION, "subject", "the subject cannot be issued: " + e.getMessage());
    }
    SubjectAltNames.forRequest(csr.subject(), NameRules.of(CertificateProfiles.byName("server").orElseThrow()), null, null,
        csr.requestedNames());
  }

  private static String read(String name) throws IOException {
    try (InputStream in = HostileCsrTableTest.class.getResourceAsStream("/hostile-csr/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture hostile-csr/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
