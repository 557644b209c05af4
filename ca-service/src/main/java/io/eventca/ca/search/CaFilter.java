package io.eventca.ca.search;

import io.eventca.events.ids.CaId;
import io.eventca.events.ids.InvalidIdException;
import java.util.List;

/**
 * {@code caId}: certificates these CAs issued; with {@code includeSubordinates=true}, also those of every CA below them
 * (their intermediates, and theirs).
 */
final class CaFilter implements Filter {
  @Override
  public String parameter() {
    return "caId";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public void apply(List<String> values, SearchContext context, SqlWhere where) {
    List<String> ids = values.stream().map(value -> {
      try {
        return new CaId(value).value();
      } catch (InvalidIdException e) {
        throw new SearchProblem("caId", "must be a CA id (a lowercase UUID)");
      }
    }).toList();
    if (!context.includeSubordinates()) {
      where.and(where.in("c.ca_id", ids));
      return;
    }
    where.and("c.ca_id IN (WITH RECURSIVE tree(ca_id) AS (SELECT ca_id FROM ca WHERE " + where.in("ca_id", ids)
        + " UNION SELECT child.ca_id FROM ca child JOIN tree ON child.parent_ca_id = tree.ca_id) SELECT ca_id FROM tree)");
  }
}
