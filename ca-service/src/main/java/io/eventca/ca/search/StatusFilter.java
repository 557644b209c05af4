package io.eventca.ca.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code status}: VALID, REVOKED or EXPIRED at the search's instant (now, or {@code asOf}): revoked by then, else expired
 * by then, else valid. Given more than once, any of them.
 */
final class StatusFilter implements Filter {
  @Override
  public String parameter() {
    return "status";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public void apply(List<String> values, SearchContext context, SqlWhere where) {
    List<String> any = new ArrayList<>();
    for (String value : values) {
      String at = where.bind(context.at());
      String notRevoked = "(c.revoked_at IS NULL OR c.revoked_at > " + at + ")";
      any.add(switch (value.toUpperCase(Locale.ROOT)) {
        case "VALID" -> notRevoked + " AND c.not_after >= " + at;
        case "EXPIRED" -> notRevoked + " AND c.not_after < " + at;
        case "REVOKED" -> "c.revoked_at <= " + at;
        default -> throw new SearchProblem("status", "must be VALID, REVOKED or EXPIRED");
      });
    }
    where.and("((" + String.join(") OR (", any) + "))");
  }
}
