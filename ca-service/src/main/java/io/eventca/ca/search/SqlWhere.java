package io.eventca.ca.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WHERE clause of a search as it is built, filter by filter: every value a caller gave is a bound parameter, never
 * text in the statement, and each gets a fresh name.
 */
final class SqlWhere {
  private final List<String> clauses = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  /** A fresh parameter holding {@code value}: its placeholder, {@code :p<n>}. */
  String bind(Object value) {
    String name = "p" + parameters.size();
    parameters.put(name, value);
    return ":" + name;
  }

  /** {@code column = one of values}, as {@code column IN (...)} with one parameter each. */
  String in(String column, List<?> values) {
    List<String> placeholders = new ArrayList<>();
    for (Object value : values) {
      placeholders.add(bind(value));
    }
    return column + " IN (" + String.join(", ", placeholders) + ")";
  }

  SqlWhere and(String clause) {
    clauses.add(clause);
    return this;
  }

  /** A copy to extend (the page's cursor) without changing this one (the total's count). */
  SqlWhere copy() {
    SqlWhere copy = new SqlWhere();
    copy.clauses.addAll(clauses);
    copy.parameters.putAll(parameters);
    return copy;
  }

  String sql() {
    return clauses.isEmpty() ? "TRUE" : String.join(" AND ", clauses);
  }

  Map<String, Object> parameters() {
    return parameters;
  }
}
