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
 * percent-decoded, {@code +} a space; no control character in either.
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
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1), io.eventca.checks.Echo.of(name));
      if (hasControl(name) || hasControl(value)) {
        // PostgreSQL refuses U+0000 in text, and no name or value of a search holds a control character.
        throw new SearchProblem(io.eventca.checks.Echo.of(name), "holds a control character");
      }
      parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  /**
   * The parameters with their empty values left out, and a parameter with only empty ones as if not given
   * ({@code status=} is no status filter, as the first version of the search read it); an unknown name still counts.
   */
  static Map<String, List<String>> withoutEmptyValues(Map<String, List<String>> parameters) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    parameters.forEach((name, values) -> {
      List<String> nonEmpty = values.stream().filter(v -> !v.isEmpty()).toList();
      if (!nonEmpty.isEmpty()) {
        kept.put(name, nonEmpty);
      } else if (!CertificateFilters.BY_PARAMETER.containsKey(name) && !CertificateQuery.MODIFIERS.contains(name)
          && !RequestQuery.FILTERS.containsKey(name) && !name.equals("sort")) {
        kept.put(name, values);
      }
    });
    return kept;
  }

  private static boolean hasControl(String text) {
    return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }

  private static String decode(String text, String parameter) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SearchProblem(parameter, "holds a % that starts no percent-encoded byte");
    }
  }
}
