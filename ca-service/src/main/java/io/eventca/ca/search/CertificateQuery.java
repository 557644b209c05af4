package io.eventca.ca.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A certificate search as the query string asks for it, read and checked before anything runs: the filters, the order,
 * the page, and the instant it answers for. Every parameter it does not know is refused by name.
 */
public final class CertificateQuery {
  /** What shapes the answer rather than filtering it. */
  static final Set<String> MODIFIERS = Set.of("sort", "limit", "cursor", "asOf", "includeSubordinates", "withTotal", "format", "offset");

  final SqlWhere where;
  final SortOrder order;
  final int limit;
  private boolean limitGiven;
  final Cursor cursor;
  final int offset;
  final boolean withTotal;
  final SearchContext context;

  private CertificateQuery(Map<String, List<String>> given, int defaultLimit, int maxLimit, Instant now) {
    this.where = new SqlWhere();
    Map<String, List<String>> parameters = QueryString.withoutEmptyValues(given);
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      String name = parameter.getKey();
      if (!MODIFIERS.contains(name) && !CertificateFilters.BY_PARAMETER.containsKey(name)) {
        throw new SearchProblem(io.eventca.checks.Echo.of(name), "is not a search parameter; docs/API.md lists them");
      }
      boolean repeatable = CertificateFilters.BY_PARAMETER.containsKey(name) && CertificateFilters.BY_PARAMETER.get(name).repeatable();
      if (parameter.getValue().size() > 1 && !repeatable) {
        throw new SearchProblem(name, "may be given once");
      }
    }
    String asOf = Values.single(parameters, "asOf");
    Instant at = asOf == null ? now : Values.instant("asOf", asOf);
    String subordinates = Values.single(parameters, "includeSubordinates");
    this.context = new SearchContext(at, asOf != null, subordinates != null && Values.bool("includeSubordinates", subordinates));
    String sort = Values.single(parameters, "sort");
    this.order = sort == null ? SortOrder.DEFAULT : SortOrder.parse(sort);
    String limitText = Values.single(parameters, "limit");
    this.limit = limitText == null ? defaultLimit : Values.whole("limit", limitText, 1, maxLimit);
    this.limitGiven = limitText != null;
    String cursorText = Values.single(parameters, "cursor");
    this.cursor = cursorText == null || cursorText.isEmpty() ? null : Cursor.decode(cursorText, order);
    String offsetText = Values.single(parameters, "offset");
    this.offset = offsetText == null ? 0 : Values.whole("offset", offsetText, 0, Integer.MAX_VALUE);
    if (cursor != null && offset > 0) {
      throw new SearchProblem("offset", "cannot be given with a cursor; the cursor says where the page starts");
    }
    String total = Values.single(parameters, "withTotal");
    this.withTotal = total != null && Values.bool("withTotal", total);
    if (context.historical()) {
      // What the history held at asOf: nothing issued after it.
      where.and("c.issued_at <= " + where.bind(at));
    }
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      Filter filter = CertificateFilters.BY_PARAMETER.get(parameter.getKey());
      if (filter != null) {
        filter.apply(parameter.getValue(), context, where);
      }
    }
  }

  private CertificateQuery(CertificateQuery query, Cursor cursor, int limit) {
    this.where = query.where.copy();
    this.order = query.order;
    this.limit = limit;
    this.cursor = cursor;
    this.offset = 0;
    this.withTotal = false;
    this.context = query.context;
  }

  /** The same search from {@code next} (a page's cursor) on, {@code limit} at a time: how an export walks all of it. */
  public CertificateQuery continuedAt(String next, int limit) {
    return new CertificateQuery(this, next == null ? cursor : Cursor.decode(next, order), limit);
  }

  /** The same search over what was recorded up to {@code lastRecorded} (issued_seq), and nothing after. */
  public CertificateQuery recordedBy(long lastRecorded) {
    CertificateQuery copy = new CertificateQuery(this, cursor, limit);
    copy.where.and("c.issued_seq <= " + copy.where.bind(lastRecorded));
    return copy;
  }

  /** Whether {@code limit} was given: an export then stops there, else it holds every match. */
  public boolean limited() {
    return limitGiven;
  }

  /** @throws SearchProblem naming the first parameter that cannot be read */
  public static CertificateQuery of(Map<String, List<String>> parameters, int defaultLimit, int maxLimit, Instant now) {
    return new CertificateQuery(parameters, defaultLimit, maxLimit, now);
  }

  /**
   * Only the certificates this REST caller asked for (a requester's view), by its request rows: never those of a fleet
   * requester of the same name, whose rows are keyed {@code <requester>/<requestId>} (RequestKey).
   */
  public CertificateQuery onlyRequestedBy(String caller) {
    where.and("c.request_id IN (SELECT r.request_id FROM certificate_request r WHERE r.requested_by = " + where.bind(caller)
        + " AND r.request_id NOT LIKE '%/%')");
    return this;
  }

  public Instant at() {
    return context.at();
  }

  public boolean historical() {
    return context.historical();
  }

  /** The WHERE clause as it stands (placeholders, never values), for the tests that hold it to that. */
  public String whereSql() {
    return where.sql();
  }

  public int limit() {
    return limit;
  }
}
