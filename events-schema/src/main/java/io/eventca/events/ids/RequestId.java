package io.eventca.events.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies one certificate request. Chosen by the requester (fleet services pick their own so a
 * retry reuses it), hence a restricted alphabet rather than a UUID only.
 */
public record RequestId(@JsonValue String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  @JsonCreator
  public RequestId {
    Objects.requireNonNull(value, "requestId");
    if (!FORM.matcher(value).matches()) {
      throw new InvalidIdException(
          "requestId", "must be 1 to 128 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit");
    }
  }

  public static RequestId random() {
    return new RequestId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
