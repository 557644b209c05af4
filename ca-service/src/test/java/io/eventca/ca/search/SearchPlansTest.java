package io.eventca.ca.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventca.ca.model.Db;
import io.eventca.testkit.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each indexed filter can be answered from its own index (V8), never only by reading every certificate: PostgreSQL
 * plans the filter's WHERE clause with sequential scans switched off, and the plan must name the index. (With scans
 * allowed, a table this small is cheaper to read whole; the point is that the index exists and fits the clause the
 * search writes. docs/BENCHMARKS.md has the plans and timings at a million certificates.)
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SearchPlansTest {
  @ParameterizedTest(name = "{0}={1} uses {2}")
  @CsvSource({
      "q, db.internal, certificate_search_text",
      "san, db.internal, certificate_name_value",
      "serial, 4f3a*, certificate_by_serial",
      "serial, 4f3a01, certificate_by_serial",
      "expiringWithinDays, 14, certificate_by_not_after",
      "expiresBefore, 2027-01-01, certificate_by_not_after",
      "requester, svc-7, certificate_by_requester",
      "issuedAfter, 2026-11-01, certificate_by_issued_at",
      "revokedAfter, 2026-11-01, certificate_by_revoked_at",
      "caId, 3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c, certificate_ca",
      "profile, server, certificate_by_profile",
  })
  void theFilterIsAnsweredFromItsIndex(String parameter, String value, String index) {
    CertificateQuery query = CertificateQuery.of(Map.of(parameter, List.of(value)), 100, 1000, Instant.now());

    String plan = plan("SELECT c.id FROM certificate c WHERE " + query.whereSql(), query.where.parameters());

    assertThat(plan).contains(index).doesNotContain("Seq Scan on certificate ");
  }

  private static String plan(String sql, Map<String, Object> parameters) {
    return Db.inTransaction(() -> Panache.getSession().chain(session -> session
        .createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate()
        .chain(() -> {
          var explain = session.createNativeQuery("EXPLAIN " + sql, String.class);
          parameters.forEach(explain::setParameter);
          return explain.getResultList();
        }))
        .map(lines -> lines.stream().collect(Collectors.joining("\n"))));
  }
}
