package io.eventca.events.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.envelope.Json;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Good and bad values of each typed id. Long values are written as {@code <char>*<count>} (expanded by
 * {@link #expand}) so the length limits stay visible in the table.
 */
class TypedIdsTest {

  @ParameterizedTest(name = "CaId \"{0}\" valid={1}")
  @CsvSource({
    "3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c,  true",
    "00000000-0000-0000-0000-000000000000,  true",
    "ffffffff-ffff-ffff-ffff-ffffffffffff,  true",
    "3F6B2C1E-8A4D-4E9B-B7C2-5D1E0F9A6B3C,  false", // upper case: not safe as a case-sensitive key
    "3f6b2c1e8a4d4e9bb7c25d1e0f9a6b3c,      false", // no hyphens
    "{3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c},false",
    "3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3,   false", // one digit short
    "3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3cd, false",
    "g f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c, false",
    "X,                                     false",
    "'',                                    false",
    "' 3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c',false",
    "../../etc/passwd,                      false",
  })
  void caId(String value, boolean valid) {
    check(() -> new CaId(value), valid, "caId", value);
  }

  @Test
  void randomCaIdsAreValidAndDistinct() {
    CaId a = CaId.random();
    assertThat(new CaId(a.value())).isEqualTo(a);
    assertThat(CaId.random()).isNotEqualTo(a);
  }

  @ParameterizedTest(name = "RequestId \"{0}\" valid={1}")
  @CsvSource({
    "a,                                   true",
    "Z,                                   true",
    "7,                                   true",
    "web-fleet.node-17:renew-2026-11-22,  true",
    "0b8f3c2a-5e71-4d09-9a64-2f1c7e8d3b5a,true",
    "a_b.c:d-e,                           true",
    "a*128,                               true", // the longest allowed
    "a*129,                               false",
    "'',                                  false",
    "-abc,                                false", // must start with a letter or digit
    ".abc,                                false",
    "_abc,                                false",
    ":abc,                                false",
    "a b,                                 false",
    "a/b,                                 false",
    "a\\b,                                false",
    "'a,b',                               false",
    "rêquest,                             false",
    "'a\tb',                              false",
  })
  void requestId(String value, boolean valid) {
    check(() -> new RequestId(expand(value)), valid, "requestId", value);
  }

  @ParameterizedTest(name = "SerialNumber \"{0}\" valid={1}")
  @CsvSource({
    "1,           true",
    "abc,         true",
    "5f3a9c01d2e4b7a8, true",
    "7*1 f*39,    true", // 40 digits, top bit clear: the largest positive 20-octet DER INTEGER
    "8*1 0*38,    true", // 39 digits: the top bit is clear in the first octet, so no sign octet is needed
    "0,           false", // zero is not positive
    "0abc,        false", // leading zero
    "00,          false",
    "ABC,         false", // upper case
    "-1,          false",
    "0x1f,        false",
    "ab:cd,       false", // colons only through parse()
    "'',          false",
    "8*1 0*39,    false", // 20 value octets with the top bit set need a 21st for the sign
    "f*40,        false",
    "1*1 0*40,    false", // 21 octets
    "g1,          false",
  })
  void serialNumber(String value, boolean valid) {
    check(() -> new SerialNumber(expand(value)), valid, "serialNumber", value);
  }

  @ParameterizedTest(name = "parse \"{0}\" -> {1}")
  @CsvSource({
    "00:AB:cd,            abcd",
    "AB:CD,               abcd",
    "7A3F09C2E1D84B5566AA0F13, 7a3f09c2e1d84b5566aa0f13",
    "0001,                1",
    "00:00:01,            1",
    "7f*1 :ff*19,         7fffffffffffffffffffffffffffffffffffffff",
  })
  void parseAcceptsWhatPeoplePaste(String text, String hex) {
    assertThat(SerialNumber.parse(expand(text)).hex()).isEqualTo(hex);
  }

  @ParameterizedTest(name = "parse \"{0}\" rejected")
  @CsvSource({
    "0",
    "00",
    "00:00:00",
    "01:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00", // 21 octets
    "80:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00", // 20 octets, top bit set: 21 as DER
    "ab cd",
    "ab-cd",
    "''",
  })
  void parseRejectsWhatIsNotASerial(String text) {
    assertThatThrownBy(() -> SerialNumber.parse(text))
        .isInstanceOfSatisfying(InvalidIdException.class, e -> assertThat(e.field()).isEqualTo("serialNumber"));
  }

  static Stream<Arguments> bigIntegers() {
    return Stream.of(
        Arguments.of(BigInteger.ONE, "1"),
        Arguments.of(BigInteger.valueOf(0xabcd), "abcd"),
        Arguments.of(BigInteger.TWO.pow(159).subtract(BigInteger.ONE), "7" + "f".repeat(39)));
  }

  @ParameterizedTest(name = "of({0}) -> {1}")
  @MethodSource("bigIntegers")
  void ofBigIntegerRoundTrips(BigInteger value, String hex) {
    SerialNumber serial = SerialNumber.of(value);
    assertThat(serial.hex()).isEqualTo(hex);
    assertThat(serial.toBigInteger()).isEqualTo(value);
  }

  @Test
  void ofRejectsZeroNegativeAndTooLarge() {
    assertThatThrownBy(() -> SerialNumber.of(BigInteger.ZERO)).isInstanceOf(InvalidIdException.class);
    assertThatThrownBy(() -> SerialNumber.of(BigInteger.valueOf(-5))).isInstanceOf(InvalidIdException.class);
    assertThatThrownBy(() -> SerialNumber.of(BigInteger.TWO.pow(159))).isInstanceOf(InvalidIdException.class);
  }

  @Test
  void nullIsRejectedByEveryId() {
    assertThatThrownBy(() -> new CaId(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new RequestId(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SerialNumber(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SerialNumber.parse(null)).isInstanceOf(NullPointerException.class);
  }

  /** Ids travel as bare JSON strings, not as {"value": ...} objects. */
  @Test
  void idsAreBareJsonStrings() throws Exception {
    assertThat(Json.MAPPER.writeValueAsString(new CaId("3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c")))
        .isEqualTo("\"3f6b2c1e-8a4d-4e9b-b7c2-5d1e0f9a6b3c\"");
    assertThat(Json.MAPPER.writeValueAsString(new RequestId("r-1"))).isEqualTo("\"r-1\"");
    assertThat(Json.MAPPER.writeValueAsString(new SerialNumber("abc"))).isEqualTo("\"abc\"");
    assertThat(Json.MAPPER.readValue("\"abc\"", SerialNumber.class)).isEqualTo(new SerialNumber("abc"));
  }

  private static void check(Runnable construct, boolean valid, String field, String value) {
    if (valid) {
      construct.run();
    } else {
      assertThatThrownBy(construct::run)
          .as("%s %s", field, value)
          .isInstanceOfSatisfying(InvalidIdException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
  }

  /** "a*3" is "aaa"; "7f*1 :ff*2" is "7f:ff:ff"; pieces are separated by spaces, anything else is literal. */
  static String expand(String spec) {
    if (!spec.contains("*")) {
      return spec;
    }
    StringBuilder out = new StringBuilder();
    for (String piece : spec.split(" ")) {
      int star = piece.lastIndexOf('*');
      out.append(piece.substring(0, star).repeat(Integer.parseInt(piece.substring(star + 1))));
    }
    return out.toString();
  }
}
