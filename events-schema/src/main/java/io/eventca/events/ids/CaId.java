package io.eventca.events.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies one certificate authority. A lowercase UUID, so it is safe in URLs, file names and topic keys. */
public record CaId(@JsonValue String value) {
  private static final Pattern FORM =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @JsonCreator
  public CaId {
    Objects.requireNonNull(value, "caId");
    if (!FORM.matcher(value).matches()) {
      throw new InvalidIdException("caId", "must be a lowercase UUID");
    }
  }

  public static CaId random() {
    return new CaId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
