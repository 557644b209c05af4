package io.eventca.ca.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a body Jackson could not read gets told, in JSON's words: the field and the JSON type it must have. Jackson's
 * own messages name Java types ({@code java.lang.Integer}, the body record's class), which tell a caller nothing it
 * can use and an attacker how the service is built.
 */
final class JsonProblems {
  /** A backquoted Java type, or a qualified name whose last part is a class: what Jackson puts in its messages. */
  private static final Pattern JAVA_NAME =
      Pattern.compile("`[^`]*`|\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:\\[\\])?");

  private JsonProblems() {}

  static String detail(JsonProcessingException e) {
    if (e instanceof MismatchedInputException m) {
      String field = field(m);
      String expected = expected(m.getTargetType());
      return field.isEmpty() ? "the body must be " + expected : field + " must be " + expected;
    }
    String message = e.getOriginalMessage() == null ? "the body is not valid JSON" : firstLine(e.getOriginalMessage());
    return "the body is not the JSON this endpoint takes: " + withoutJavaNames(message);
  }

  /** The JSON path of the field at fault ({@code subjectAltNames[2]}), empty for the body itself. */
  static String field(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException m)) {
      return "";
    }
    return m.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining()).replaceFirst("^\\.", "");
  }

  static String withoutJavaNames(String text) {
    return JAVA_NAME.matcher(text).replaceAll("a value");
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another JSON type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class) {
      return "a JSON integer (a number without fraction or exponent, not a string)";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a JSON number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false (a JSON boolean, not a string)";
    }
    if (type == String.class || type.isEnum()) {
      return "a JSON string";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "a date-time string (RFC 3339, e.g. 2026-01-31T12:00:00Z)";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a JSON object";
    }
    return "of another JSON type";
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
