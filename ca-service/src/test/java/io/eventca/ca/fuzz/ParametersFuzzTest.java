package io.eventca.ca.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.eventca.ca.api.ApiError;
import io.eventca.ca.api.Callers;
import io.eventca.ca.api.SearchResource;
import io.eventca.ca.config.ApiConfig;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.InvalidIdException;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The query and header parameters of the REST API, without booting Quarkus: {@code GET /api/v1/certificates?caId=
 * &status=&limit=&offset=} and {@code Prefer: wait=N}. A bad parameter must come back as {@link ApiError} or
 * {@link InvalidIdException} (both become a 400 naming the field); anything else is a 500.
 *
 * <p>The input is text, one parameter per line (caId, status, limit, offset, Prefer), so seeds and findings are
 * readable; a missing line is an absent parameter. Path ids ({caId}, {serial}, {requestId}) are the typed ids,
 * fuzzed in events-schema's TypedIdsFuzzTest.
 */
class ParametersFuzzTest {
  private static final int MAX_PAGE_SIZE = 1000;
  private static final int MAX_WAIT_SECONDS = 60;

  /** SearchResource parses inline, so it is driven whole; an admin caller keeps the parsing free of ownership. */
  private final SearchResource search =
      new SearchResource(new FixedApiConfig(),
          new Callers(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("fuzz")).addRole(Callers.ADMIN).build()));

  @FuzzTest(maxDuration = "10s")
  void queryAndPreferHeader(byte[] input) {
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
    String caId = line(lines, 0);
    String status = line(lines, 1);
    String limit = line(lines, 2);
    String offset = line(lines, 3);
    String prefer = line(lines, 4);

    try {
      search.search(caId, status, limit, offset);
      throw new AssertionError("search cannot answer without a database, so it must have stopped somewhere");
    } catch (ApiError e) {
      assertThat(e.kind()).isEqualTo(ApiError.Kind.INVALID_INPUT);
      assertThat(e.extensions().get("field")).isIn("status", "limit", "offset");
    } catch (InvalidIdException e) {
      assertThat(e.field()).isEqualTo("caId");
    } catch (RuntimeException e) {
      // Without Quarkus the database call fails; getting there means every parameter was accepted, which is
      // fine provided the accepted ones obey their rules. Any other escape is a finding and is rethrown.
      if (!reachedTheDatabase(e)) {
        throw e;
      }
      if (caId != null && !caId.isEmpty()) {
        assertThat(new CaId(caId).value()).isEqualTo(caId);
      }
      if (status != null && !status.isEmpty()) {
        assertThat(status).matches(s -> s.equalsIgnoreCase("VALID") || s.equalsIgnoreCase("EXPIRED") || s.equalsIgnoreCase("REVOKED"));
      }
    }

    // RFC 7240: a preference the server cannot read is ignored, never an error; a wait is capped by the server.
    Optional<Duration> wait = waitFor(prefer);
    assertThat(wait).isNotNull();
    wait.ifPresent(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(MAX_WAIT_SECONDS)));
  }

  private static String line(String[] lines, int i) {
    return i < lines.length ? lines[i] : null;
  }

  /** The failure came from inside Db, i.e. after SearchResource had finished reading its parameters. */
  private static boolean reachedTheDatabase(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().equals("io.eventca.ca.model.Db"))) {
        return true;
      }
    }
    return false;
  }

  private static final Method WAIT_FOR = PackagePrivate.method("io.eventca.ca.api.Prefer", "waitFor", String.class, int.class);

  @SuppressWarnings("unchecked")
  private static Optional<Duration> waitFor(String header) {
    return (Optional<Duration>) PackagePrivate.invoke(WAIT_FOR, null, header, MAX_WAIT_SECONDS);
  }

  private static final class FixedApiConfig implements ApiConfig {
    @Override
    public int maxWaitSeconds() {
      return MAX_WAIT_SECONDS;
    }

    @Override
    public String crlBaseUrl() {
      return "http://localhost:8082";
    }

    @Override
    public int maxPageSize() {
      return MAX_PAGE_SIZE;
    }

    @Override
    public Optional<String> clientCaId() {
      return Optional.empty();
    }
  }
}
