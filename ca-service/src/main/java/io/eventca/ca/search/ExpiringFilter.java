package io.eventca.ca.search;

import java.time.Duration;
import java.util.List;

/**
 * {@code expiringWithinDays}: certificates whose notAfter is from the search's instant to that many days later (what
 * is about to expire; add {@code status=VALID} to leave out the revoked ones).
 */
final class ExpiringFilter implements Filter {
  static final int MAX_DAYS = 3650;

  @Override
  public String parameter() {
    return "expiringWithinDays";
  }

  @Override
  public void apply(List<String> values, SearchContext context, SqlWhere where) {
    int days = Values.whole("expiringWithinDays", values.get(0), 0, MAX_DAYS);
    where.and("c.not_after >= " + where.bind(context.at()) + " AND c.not_after < " + where.bind(context.at().plus(Duration.ofDays(days))));
  }
}
