package io.eventca.ca.search;

import java.util.List;
import java.util.Locale;

/**
 * {@code q}: text anywhere in the subject, the subjectAltNames or the host, without regard to case; given twice, both
 * must be there. Three characters or more use the trigram index (V8); fewer still work, by reading more.
 */
final class TextFilter implements Filter {
  static final int MAX_LENGTH = 256;

  @Override
  public String parameter() {
    return "q";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public void apply(List<String> values, SearchContext context, SqlWhere where) {
    for (String value : values) {
      if (value.isBlank() || value.length() > MAX_LENGTH) {
        throw new SearchProblem("q", "must hold 1 to " + MAX_LENGTH + " characters");
      }
      where.and("c.search_text LIKE " + where.bind("%" + Values.likeLiteral(value.toLowerCase(Locale.ROOT)) + "%"));
    }
  }
}
