package io.eventca.ca.search;

/**
 * {@code sort}: {@code issued} (the order the history recorded them), {@code notAfter} or {@code subject}, ascending, or
 * descending with a leading {@code -}; ties always by the recorded order, so every certificate has one place. Sorting by
 * subject compares its first 512 characters (what the index holds).
 */
record SortOrder(Key key, boolean descending) {
  static final SortOrder DEFAULT = new SortOrder(Key.ISSUED, true);

  enum Key {
    ISSUED("issued", "c.issued_seq"),
    NOT_AFTER("notAfter", "c.not_after"),
    SUBJECT("subject", "left(c.subject_dn, 512)");

    final String name;
    final String expression;

    Key(String name, String expression) {
      this.name = name;
      this.expression = expression;
    }
  }

  static SortOrder parse(String text) {
    boolean descending = text.startsWith("-");
    String name = descending ? text.substring(1) : text;
    for (Key key : Key.values()) {
      if (key.name.equals(name)) {
        return new SortOrder(key, descending);
      }
    }
    throw new SearchProblem("sort", "must be issued, notAfter or subject, with a leading - for descending");
  }

  String token() {
    return (descending ? "-" : "") + key.name;
  }

  String orderBy() {
    String direction = descending ? " DESC" : " ASC";
    return key == Key.ISSUED ? key.expression + direction : key.expression + direction + ", c.issued_seq" + direction;
  }
}
