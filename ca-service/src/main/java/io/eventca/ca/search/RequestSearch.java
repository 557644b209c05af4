package io.eventca.ca.search;

import io.eventca.ca.model.CertificateRequestRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Runs a {@link RequestQuery}: one page of requests in the order the history recorded them. */
public final class RequestSearch {
  private RequestSearch() {}

  /** @param next the cursor of the next page, or null on the last */
  public record Page(List<CertificateRequestRecord> items, String next) {}

  /** Inside a session. */
  public static Uni<Page> page(RequestQuery query) {
    String sql = "SELECT r.* FROM certificate_request r WHERE " + query.where.sql() + " ORDER BY r.recorded_seq"
        + (query.descending ? " DESC" : " ASC") + " LIMIT " + (query.limit + 1);
    return Panache.getSession().chain(session -> {
      var select = session.createNativeQuery(sql, CertificateRequestRecord.class);
      query.where.parameters().forEach(select::setParameter);
      return select.getResultList();
    }).map(rows -> {
      boolean more = rows.size() > query.limit;
      List<CertificateRequestRecord> items = more ? rows.subList(0, query.limit) : rows;
      return new Page(items, more ? query.cursorAfter(items.get(items.size() - 1).recordedSeq) : null);
    });
  }
}
