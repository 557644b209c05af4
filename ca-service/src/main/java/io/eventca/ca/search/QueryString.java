package io.eventca.ca.search;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search's query string, read the way @QueryParam reads one: pairs split at {@code &} only (a {@code ;} is part of
 * a value, so {@code caId=x;DROP TABLE} is one bad caId, not a caId and a parameter named "DROP TABLE"), names and values
 * percent-decoded, {@code +} a space.
 */
public final class QueryString {
  private QueryString() {}

  public static Map<String, List<String>> parse(String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals), "the query string");
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1), name);
      parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static String decode(String text, String parameter) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SearchProblem(parameter, "holds a % that starts no percent-encoded byte");
    }
  }
}
