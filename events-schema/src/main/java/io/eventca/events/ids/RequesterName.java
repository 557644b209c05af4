package io.eventca.events.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A registered requester (a service of the fleet, as step-ca calls them a provisioner): the name its requests
 * carry in {@code requestedBy} and the subject of its bearer token. Restricted so it is safe in keys, URLs and logs.
 */
public record RequesterName(@JsonValue String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");

  @JsonCreator
  public RequesterName {
    Objects.requireNonNull(value, "requester");
    if (!FORM.matcher(value).matches()) {
      throw new InvalidIdException(
          "requester", "must be 1 to 128 characters of A-Z a-z 0-9 . _ @ : - starting with a letter or digit");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
