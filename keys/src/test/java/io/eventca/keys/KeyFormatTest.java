package io.eventca.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyFormatTest {
  @ParameterizedTest
  @CsvSource({
      "pkcs8, PKCS8, pem, application/x-pem-file", "PKCS8, PKCS8, pem, application/x-pem-file",
      "rsa, RSA, pem, application/x-pem-file", "Rsa, RSA, pem, application/x-pem-file",
      "pfx, PFX, pfx, application/x-pkcs12", "pkcs12, PFX, pfx, application/x-pkcs12", "PKCS12, PFX, pfx, application/x-pkcs12"})
  void parsesTheScriptNamesCaseInsensitively(String name, KeyFormat format, String extension, String mediaType) {
    assertThat(KeyFormat.of(name)).isEqualTo(format);
    assertThat(format.extension()).isEqualTo(extension);
    assertThat(format.mediaType()).isEqualTo(mediaType);
  }
}
