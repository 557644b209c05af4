package io.eventca.ca.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code serial}: a serial number in hex as people paste it (any case, colons, leading zeros), exact, or a prefix
 * when it ends in {@code *} ({@code 4f3a*}). Given more than once, any of them.
 */
final class SerialFilter implements Filter {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,40}");

  @Override
  public String parameter() {
    return "serial";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public void apply(List<String> values, SearchContext context, SqlWhere where) {
    List<String> any = new ArrayList<>();
    for (String value : values) {
      boolean prefix = value.endsWith("*");
      String hex = (prefix ? value.substring(0, value.length() - 1) : value).replace(":", "").toLowerCase(Locale.ROOT)
          .replaceFirst("^0+(?=.)", "");
      if (!HEX.matcher(hex).matches() || (!prefix && hex.equals("0"))) {
        throw new SearchProblem("serial", "must be a serial number in hex (colons and leading zeros allowed), or its first digits and *");
      }
      any.add(prefix ? "c.serial_number LIKE " + where.bind(hex + "%") : "c.serial_number = " + where.bind(hex));
    }
    where.and("(" + String.join(" OR ", any) + ")");
  }
}
