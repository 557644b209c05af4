package io.eventca.ca.search;

import java.util.List;

/**
 * One search parameter: its name in the query string and how its values narrow the search. Every filter is one small
 * class, and the search knows exactly the parameters of its filters ({@link CertificateFilters}), so an unknown or
 * misspelt one is a 400 naming it, never ignored.
 */
interface Filter {
  String parameter();

  /** Whether the parameter may be given more than once (then any of its values matches). */
  default boolean repeatable() {
    return false;
  }

  /**
   * Adds the filter's clause for {@code values} (at least one; one unless {@link #repeatable}).
   *
   * @throws SearchProblem when a value is malformed, naming the parameter
   */
  void apply(List<String> values, SearchContext context, SqlWhere where);
}
