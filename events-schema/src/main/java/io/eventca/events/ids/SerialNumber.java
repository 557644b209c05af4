package io.eventca.events.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A certificate serial number in lowercase hex without leading zeros. RFC 5280 4.1.2.2: positive and
 * at most 20 octets.
 */
public record SerialNumber(@JsonValue String hex) {
  private static final Pattern FORM = Pattern.compile("[1-9a-f][0-9a-f]{0,39}");

  @JsonCreator
  public SerialNumber {
    Objects.requireNonNull(hex, "serialNumber");
    if (!FORM.matcher(hex).matches()) {
      throw new InvalidIdException(
          "serialNumber", "must be a positive hex number of at most 20 octets, lowercase, without leading zeros");
    }
    if (new BigInteger(hex, 16).toByteArray().length > 20) {
      throw new InvalidIdException("serialNumber", "must fit in 20 octets as a positive DER INTEGER");
    }
  }

  public static SerialNumber of(BigInteger value) {
    if (value.signum() <= 0) {
      throw new InvalidIdException("serialNumber", "must be positive");
    }
    return new SerialNumber(value.toString(16));
  }

  /** Accepts what people paste: upper case, colons, leading zeros. */
  public static SerialNumber parse(String text) {
    Objects.requireNonNull(text, "serialNumber");
    String cleaned = text.replace(":", "").toLowerCase(java.util.Locale.ROOT).replaceFirst("^0+(?=.)", "");
    return new SerialNumber(cleaned);
  }

  public BigInteger toBigInteger() {
    return new BigInteger(hex, 16);
  }

  @Override
  public String toString() {
    return hex;
  }
}
