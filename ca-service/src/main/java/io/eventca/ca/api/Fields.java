package io.eventca.ca.api;

import java.util.Locale;
import java.util.regex.Pattern;

/** Small field rules shared by the command bodies; each failure names the field and the rule. */
final class Fields {
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}]");
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private Fields() {}

  static String required(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw ApiError.invalidField(field, "is required");
    }
    return text(field, value, maxLength);
  }

  static String optional(String field, String value, int maxLength) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw ApiError.invalidField(field, "must not be blank when given");
    }
    return text(field, value, maxLength);
  }

  private static String text(String field, String value, int maxLength) {
    String trimmed = value.strip();
    if (trimmed.length() > maxLength) {
      throw ApiError.invalidField(field, "must be at most " + maxLength + " characters");
    }
    if (CONTROL.matcher(trimmed).find()) {
      throw ApiError.invalidField(field, "must not contain control characters");
    }
    return trimmed;
  }

  static String email(String field, String value) {
    String email = optional(field, value, 128);
    if (email != null && !EMAIL.matcher(email).matches()) {
      throw ApiError.invalidField(field, "must be an e-mail address");
    }
    return email;
  }

  static String country(String field, String value) {
    String country = optional(field, value, 2);
    if (country == null) {
      return null;
    }
    String upper = country.toUpperCase(Locale.ROOT);
    if (!COUNTRY.matcher(upper).matches()) {
      throw ApiError.invalidField(field, "must be a two-letter country code (ISO 3166-1 alpha-2)");
    }
    return upper;
  }

  static int range(String field, Integer value, int defaultValue, int min, int max) {
    int v = value == null ? defaultValue : value;
    if (v < min || v > max) {
      throw ApiError.invalidField(field, "must be between " + min + " and " + max);
    }
    return v;
  }
}
