package io.eventca.ca.search;

import io.eventca.ca.model.CertificateRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/** Runs a {@link CertificateQuery} against the read model: one page, its certificates' names, and the total if asked. */
public final class CertificateSearch {
  private CertificateSearch() {}

  /**
   * @param names each certificate's subjectAltNames ({@code DNS:db.internal}, ...) by certificate row id
   * @param next the cursor of the next page, or null when this is the last
   * @param total how many certificates match in all, when asked for ({@code withTotal=true})
   */
  public record Page(List<CertificateRecord> items, Map<String, List<String>> names, String next, Long total) {}

  /** Inside a session. */
  public static Uni<Page> page(CertificateQuery query) {
    SqlWhere where = query.where.copy();
    if (query.cursor != null) {
      where.and(query.cursor.clause(where));
    }
    // One more than the page: whether there is a next page, without counting.
    String sql = "SELECT c.* FROM certificate c WHERE " + where.sql() + " ORDER BY " + query.order.orderBy()
        + " LIMIT " + (query.limit + 1) + (query.offset > 0 ? " OFFSET " + query.offset : "");
    return Panache.getSession().chain(session -> bind(session.createNativeQuery(sql, CertificateRecord.class), where).getResultList())
        .flatMap(rows -> {
          boolean more = rows.size() > query.limit;
          List<CertificateRecord> items = more ? rows.subList(0, query.limit) : rows;
          String next = more ? Cursor.after(query.order, items.get(items.size() - 1)).encode() : null;
          return names(items).flatMap(names -> total(query).map(total -> new Page(items, names, next, total)));
        });
  }

  /** The recorded order's last number now (0 for an empty history): where an export's snapshot ends. Inside a session. */
  public static Uni<Long> lastRecorded() {
    return Panache.getSession().chain(session -> session
        .createNativeQuery("SELECT coalesce(max(issued_seq), 0) FROM certificate", Long.class).getSingleResult());
  }

  private static Uni<Map<String, List<String>>> names(List<CertificateRecord> items) {
    if (items.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    SqlWhere where = new SqlWhere();
    String sql = "SELECT n.certificate_id, n.kind, n.value FROM certificate_name n WHERE "
        + where.in("n.certificate_id", items.stream().map(r -> r.id).toList()) + " ORDER BY n.certificate_id, n.kind, n.value";
    return Panache.getSession().chain(session -> bind(session.createNativeQuery(sql, Object[].class), where).getResultList())
        .map(rows -> {
          Map<String, List<String>> byId = new LinkedHashMap<>();
          for (Object[] row : rows) {
            byId.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add(row[1] + ":" + row[2]);
          }
          return byId;
        });
  }

  private static Uni<Long> total(CertificateQuery query) {
    if (!query.withTotal) {
      return Uni.createFrom().nullItem();
    }
    String sql = "SELECT count(*) FROM certificate c WHERE " + query.where.sql();
    return Panache.getSession().chain(session -> bind(session.createNativeQuery(sql, Long.class), query.where).getSingleResult());
  }

  private static <T> Mutiny.SelectionQuery<T> bind(Mutiny.SelectionQuery<T> query, SqlWhere where) {
    where.parameters().forEach(query::setParameter);
    return query;
  }
}
