package io.eventca.ca.search;

import io.eventca.events.cert.Channel;
import io.eventca.events.errors.ErrorCode;
import io.eventca.events.ids.CaId;
import io.eventca.events.ids.InvalidIdException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A search of the requests, {@code GET /api/v1/requests}: refused requests are history too, with their code, detail,
 * requester and time, because an audit asks for both. Newest first (or {@code sort=requested}), a page at a time by
 * cursor, with the filters of {@link #FILTERS}, and the same rules as the certificate search: an unknown parameter is
 * refused by name.
 */
public final class RequestQuery {
  static final Map<String, Filter> FILTERS = List.<Filter>of(
      new ChoiceFilter("status", "r.status", v -> Arrays.stream(new String[] {"PENDING", "ISSUED", "REJECTED"})
          .filter(s -> s.equalsIgnoreCase(v)).findFirst(), "must be PENDING, ISSUED or REJECTED"),
      new ChoiceFilter("caId", "r.ca_id", RequestQuery::caId, "must be a CA id (a lowercase UUID)"),
      new ChoiceFilter("requester", "r.requested_by", v -> v.isEmpty() || v.length() > 256 ? Optional.empty() : Optional.of(v),
          "must hold 1 to 256 characters"),
      new ChoiceFilter("channel", "r.channel", v -> Arrays.stream(Channel.values()).filter(c -> c.name().equalsIgnoreCase(v))
          .findFirst().map(Enum::name), "must be " + Arrays.stream(Channel.values()).map(Enum::name).collect(Collectors.joining(" or "))),
      new ChoiceFilter("code", "r.rejection_code", v -> ErrorCode.of(v).map(ErrorCode::code), "must be a code of docs/ERRORS.md"),
      new TimeFilter("requestedAfter", "r.requested_at", true),
      new TimeFilter("requestedBefore", "r.requested_at", false),
      new TimeFilter("decidedAfter", "r.decided_at", true),
      new TimeFilter("decidedBefore", "r.decided_at", false))
      .stream().collect(Collectors.toUnmodifiableMap(Filter::parameter, Function.identity()));
  private static final Set<String> MODIFIERS = Set.of("sort", "limit", "cursor");
  private static final String VERSION = "r1";

  final SqlWhere where = new SqlWhere();
  final boolean descending;
  final int limit;

  private RequestQuery(Map<String, List<String>> given, int defaultLimit, int maxLimit) {
    Map<String, List<String>> parameters = QueryString.withoutEmptyValues(given);
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      String name = parameter.getKey();
      if (!MODIFIERS.contains(name) && !FILTERS.containsKey(name)) {
        throw new SearchProblem(io.eventca.checks.Echo.of(name), "is not a parameter of the request search; docs/API.md lists them");
      }
      if (parameter.getValue().size() > 1 && (MODIFIERS.contains(name) || name.endsWith("After") || name.endsWith("Before"))) {
        throw new SearchProblem(name, "may be given once");
      }
    }
    String sort = Values.single(parameters, "sort");
    if (sort != null && !sort.equals("requested") && !sort.equals("-requested")) {
      throw new SearchProblem("sort", "must be requested or -requested");
    }
    this.descending = sort == null || sort.startsWith("-");
    String limitText = Values.single(parameters, "limit");
    this.limit = limitText == null ? defaultLimit : Values.whole("limit", limitText, 1, maxLimit);
    SearchContext context = new SearchContext(Instant.now(), false, false);
    parameters.forEach((name, values) -> {
      Filter filter = FILTERS.get(name);
      if (filter != null) {
        filter.apply(values, context, where);
      }
    });
    String cursor = Values.single(parameters, "cursor");
    if (cursor != null && !cursor.isEmpty()) {
      where.and("r.recorded_seq" + (descending ? " < " : " > ") + where.bind(decode(cursor)));
    }
  }

  public static RequestQuery of(Map<String, List<String>> parameters, int defaultLimit, int maxLimit) {
    return new RequestQuery(parameters, defaultLimit, maxLimit);
  }

  /** Only this REST caller's own requests: never a fleet requester's of the same name (rows keyed {@code <name>/<id>}). */
  public RequestQuery onlyRequestedBy(String caller) {
    where.and("r.requested_by = " + where.bind(caller) + " AND r.request_id NOT LIKE '%/%'");
    return this;
  }

  public int limit() {
    return limit;
  }

  String cursorAfter(long recordedSeq) {
    String text = VERSION + "\n" + (descending ? "-" : "") + "\n" + recordedSeq;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private long decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length == 3 && parts[0].equals(VERSION) && parts[1].equals(descending ? "-" : "")) {
        return Long.parseLong(parts[2]);
      }
    } catch (IllegalArgumentException e) {
      // said below
    }
    throw new SearchProblem("cursor", "is not a cursor this search gave for this sort");
  }

  private static Optional<?> caId(String value) {
    try {
      return Optional.of(new CaId(value).value());
    } catch (InvalidIdException e) {
      return Optional.empty();
    }
  }
}
