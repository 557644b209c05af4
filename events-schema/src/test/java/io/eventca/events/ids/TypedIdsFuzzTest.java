package io.eventca.events.ids;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The typed ids are the first thing every API path, query parameter and event payload goes through. Bad text must
 * come back as {@link InvalidIdException} (the API turns it into a 400 naming the field); any other exception is a
 * 500 at the edge or a poisoned consumer, and an accepted value that breaks the id's rule is worse.
 *
 * <p>One fuzz test for all of them: the same string is a plausible candidate for each, and one test per id would
 * triple the time the build spends fuzzing (Jazzer fuzzes one test per JVM).
 */
class TypedIdsFuzzTest {

  /** UTF-8 of the input, so seeds are plain text files; invalid sequences become U+FFFD, which is bad input too. */
  @FuzzTest(maxDuration = "10s")
  void typedIds(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);

    try {
      CaId caId = new CaId(text);
      // A CA id is a UUID in its canonical lowercase spelling: file names, topic keys and URLs rely on it.
      assertThat(UUID.fromString(caId.value()).toString()).isEqualTo(caId.value());
    } catch (InvalidIdException e) {
      assertThat(e.field()).isEqualTo("caId");
    }

    try {
      SerialNumber parsed = SerialNumber.parse(text);
      assertCanonicalSerial(parsed);
      // parse is the lenient door; what it lets in must be what the strict constructor would accept as is.
      assertThat(new SerialNumber(parsed.hex())).isEqualTo(parsed);
    } catch (InvalidIdException e) {
      assertThat(e.field()).isEqualTo("serialNumber");
    }

    try {
      assertCanonicalSerial(new SerialNumber(text));
    } catch (InvalidIdException e) {
      assertThat(e.field()).isEqualTo("serialNumber");
    }

    try {
      RequestId requestId = new RequestId(text);
      assertThat(requestId.value()).hasSizeBetween(1, 128).matches("[A-Za-z0-9][A-Za-z0-9._:-]*");
    } catch (InvalidIdException e) {
      assertThat(e.field()).isEqualTo("requestId");
    }
  }

  /** RFC 5280 4.1.2.2: positive, at most 20 octets as a DER INTEGER; and one spelling per number. */
  private static void assertCanonicalSerial(SerialNumber serial) {
    BigInteger value = serial.toBigInteger();
    assertThat(value.signum()).isPositive();
    assertThat(value.toByteArray().length).isLessThanOrEqualTo(20);
    assertThat(serial.hex()).isEqualTo(value.toString(16));
    assertThat(SerialNumber.of(value)).isEqualTo(serial);
  }
}
