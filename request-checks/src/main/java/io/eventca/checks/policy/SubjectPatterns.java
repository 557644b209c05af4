package io.eventca.checks.policy;

import io.eventca.checks.subject.SubjectAttribute;
import io.eventca.checks.subject.SubjectText;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one reading of a requester policy's {@code allowedSubject} patterns: what ca-service records when an admin
 * registers a requester, and what {@link AllowedSubject} holds each request to. A pattern is an exact value or a text
 * whose {@code *} stands for any text; nothing escapes, so a pattern is a text a subject attribute could hold.
 */
public final class SubjectPatterns {
  private SubjectPatterns() {}

  /** @return why {@code pattern} can be no pattern for {@code attribute}, or empty when it can */
  public static Optional<String> problem(SubjectAttribute attribute, String pattern) {
    if (pattern == null || pattern.isEmpty() || pattern.length() > attribute.maxLength()) {
      return Optional.of("must hold values of 1 to " + attribute.maxLength() + " characters");
    }
    return SubjectText.problem(pattern).map(problem -> "holds a value that " + problem);
  }

  /** E-mail addresses and domain components compare without regard to letter case, as their owners' systems do. */
  public static boolean matches(String pattern, String value, SubjectAttribute type) {
    boolean ignoreCase = type == SubjectAttribute.EMAIL || type == SubjectAttribute.DOMAIN_COMPONENT;
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    if (!p.contains("*")) {
      return p.equals(v);
    }
    String regex = Arrays.stream(p.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
    return Pattern.compile(regex, Pattern.DOTALL).matcher(v).matches();
  }
}
