package io.eventca.checks.subject;

import java.text.Normalizer;
import java.util.Optional;

/**
 * What a subject value may contain, as text: no control characters (NUL, CR, LF, ESC), no format characters
 * (zero-width spaces and joiners, bidirectional overrides such as U+202E, the byte-order mark), no line or paragraph
 * separators, no private-use, unassigned or non-characters, no surrounding white space, and Unicode NFC, so that a
 * value reads the same in a terminal, a log, a UI, a database and every relying party's string comparison.
 */
public final class SubjectText {
  private SubjectText() {}

  /** @return what is wrong with {@code value}, or empty when it may stand in a subject */
  public static Optional<String> problem(String value) {
    if (value.isEmpty() || value.isBlank()) {
      return Optional.of("is empty");
    }
    int bad = value.codePoints().filter(SubjectText::forbidden).findFirst().orElse(-1);
    if (bad >= 0) {
      return Optional.of("contains " + describe(bad) + ", which a subject must not contain");
    }
    if (!value.strip().equals(value)) {
      return Optional.of("starts or ends with white space");
    }
    if (!Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
      return Optional.of("is not in Unicode normalization form C (NFC)");
    }
    return Optional.empty();
  }

  /**
   * {@code value} with every character {@link #forbidden} written as {@code \\uXXXX}: text from a fact (a reason, a
   * detail, a name) that may be stored and shown anywhere, NUL included, which PostgreSQL refuses.
   */
  public static String escaped(String value) {
    if (value == null || value.codePoints().noneMatch(SubjectText::forbidden)) {
      return value;
    }
    StringBuilder out = new StringBuilder();
    value.codePoints().forEach(cp -> {
      if (forbidden(cp)) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  /** Characters that never stand in a subject value eventca issues or reads. */
  static boolean forbidden(int cp) {
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
      return true; // non-characters
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
      default -> false;
    };
  }

  /** "U+202E (RIGHT-TO-LEFT OVERRIDE)": never the character itself, which may be what does the harm. */
  static String describe(int cp) {
    String name = Character.getName(cp);
    return String.format("U+%04X", cp) + (name == null ? "" : " (" + name + ")");
  }
}
