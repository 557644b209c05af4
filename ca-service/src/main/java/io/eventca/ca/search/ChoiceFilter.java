package io.eventca.ca.search;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A column that holds one of a set of names: {@code profile}, {@code channel}, {@code reason}, {@code keyAlgorithm},
 * {@code requester}. Each value is read by {@code read} (its stored form, or empty when it is none) and any of them matches.
 */
final class ChoiceFilter implements Filter {
  private final String parameter;
  private final String column;
  private final Function<String, Optional<?>> read;
  private final String rule;

  ChoiceFilter(String parameter, String column, Function<String, Optional<?>> read, String rule) {
    this.parameter = parameter;
    this.column = column;
    this.read = read;
    this.rule = rule;
  }

  @Override
  public String parameter() {
    return parameter;
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public void apply(List<String> values, SearchContext context, SqlWhere where) {
    List<Object> stored = values.stream().<Object>map(value -> read.apply(value).orElseThrow(() -> new SearchProblem(parameter, rule)))
        .toList();
    where.and(where.in(column, stored));
  }
}
