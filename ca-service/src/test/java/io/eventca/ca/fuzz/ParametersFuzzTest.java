package io.eventca.ca.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.eventca.ca.search.CertificateQuery;
import io.eventca.ca.search.SearchProblem;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query and header parameters of the REST API, without booting Quarkus: the search of {@code GET /api/v1/certificates}
 * (every parameter of docs/API.md, read by {@link CertificateQuery}) and {@code Prefer: wait=N}. A bad parameter must come
 * back as a {@link SearchProblem} naming one of the parameters given (a 400 naming it); anything else is a 500.
 *
 * <p>The input is text, one line each: the Prefer header first, then {@code name=value} query parameters, so seeds and
 * findings are readable.
 */
class ParametersFuzzTest {
  private static final int MAX_PAGE_SIZE = 1000;
  private static final int MAX_WAIT_SECONDS = 60;

  @FuzzTest(maxDuration = "10s")
  void queryAndPreferHeader(byte[] input) {
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
    String prefer = lines[0];
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int equals = lines[i].indexOf('=');
      if (equals > 0) {
        parameters.computeIfAbsent(lines[i].substring(0, equals), name -> new ArrayList<>()).add(lines[i].substring(equals + 1));
      }
    }

    try {
      CertificateQuery query = CertificateQuery.of(parameters, 100, MAX_PAGE_SIZE, Instant.now());
      assertThat(query.limit()).isBetween(1, MAX_PAGE_SIZE);
      // Every value is bound, never written into the statement: a value's quote or semicolon would show in the clause.
      assertThat(query.whereSql()).doesNotContain("'").doesNotContain(";").doesNotContain("--");
    } catch (SearchProblem e) {
      assertThat(parameters.keySet().stream().map(io.eventca.checks.Echo::of)).contains(e.parameter());
    }

    // RFC 7240: a preference the server cannot read is ignored, never an error; a wait is capped by the server.
    Optional<Duration> wait = waitFor(prefer);
    assertThat(wait).isNotNull();
    wait.ifPresent(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(MAX_WAIT_SECONDS)));
  }

  private static final Method WAIT_FOR = PackagePrivate.method("io.eventca.ca.api.Prefer", "waitFor", String.class, int.class);

  @SuppressWarnings("unchecked")
  private static Optional<Duration> waitFor(String header) {
    return (Optional<Duration>) PackagePrivate.invoke(WAIT_FOR, null, header, MAX_WAIT_SECONDS);
  }
}
