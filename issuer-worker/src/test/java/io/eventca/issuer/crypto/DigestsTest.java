package io.eventca.issuer.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventca.events.errors.ErrorCode;
import io.eventca.checks.RequestProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestsTest {
  @ParameterizedTest(name = "{0} (sha1 opt-in {1}) -> {2}")
  @CsvSource({
    "sha224, false, sha224",
    "SHA256, false, sha256",
    "sha384, false, sha384",
    "sha512, false, sha512",
    "sha1,   true,  sha1",
    "SHA1,   true,  sha1",
    "sha256, true,  sha256",
  })
  void allowedDigests(String digest, boolean sha1OptIn, String expected) {
    assertThat(Digests.checked(digest, sha1OptIn)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} (sha1 opt-in {1}) is refused")
  @CsvSource(nullValues = "null", value = {
    "sha1,  false, 'digest sha1 is refused'",
    "SHA1,  false, 'set sha1OptIn'",
    "md5,   true,  'unknown digest ''md5'''",
    "sha3-256, false, 'unknown digest'",
    "null,  false, 'digest is required'",
    "'  ',  false, 'digest is required'",
  })
  void refusedDigests(String digest, boolean sha1OptIn, String detail) {
    assertThatThrownBy(() -> Digests.checked(digest, sha1OptIn))
        .isInstanceOfSatisfying(RequestProblem.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.POLICY_VIOLATION))
        .hasMessageContaining(detail);
  }
}
