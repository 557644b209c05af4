package io.eventca.ca.search;

import java.util.List;

/**
 * A bound on one of a certificate's instants: {@code issuedAfter}, {@code issuedBefore}, {@code expiresAfter},
 * {@code expiresBefore}, {@code revokedAfter}, {@code revokedBefore}. After is inclusive, before exclusive, so two
 * searches that meet at an instant share no certificate.
 */
final class TimeFilter implements Filter {
  private final String parameter;
  private final String column;
  private final boolean after;

  TimeFilter(String parameter, String column, boolean after) {
    this.parameter = parameter;
    this.column = column;
    this.after = after;
  }

  @Override
  public String parameter() {
    return parameter;
  }

  @Override
  public void apply(List<String> values, SearchContext context, SqlWhere where) {
    where.and(column + (after ? " >= " : " < ") + where.bind(Values.instant(parameter, values.get(0))));
  }
}
