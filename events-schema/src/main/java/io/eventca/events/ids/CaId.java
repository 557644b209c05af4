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

  /**
   * The request named no readable CA: the nil UUID, used as the CA id of answers and dead letters for records
   * whose CA could not be read. No CA is ever created with it.
   */
  public static final CaId UNKNOWN = new CaId("00000000-0000-0000-0000-000000000000");

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
