package io.eventca.ca.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What stops ca-service at start-up when the token-signing public key is missing or wrong. */
class TokenKeyCheckTest {
  @TempDir Path dir;

  @Test
  void theTestProfilesKeyIsAccepted() {
    assertThat(TokenKeyCheck.check("src/test/resources/tokens/token-signing.pub.pem").getModulus().bitLength()).isEqualTo(3072);
    assertThat(TokenKeyCheck.check("file:src/test/resources/tokens/token-signing.pub.pem")).isNotNull();
  }

  @Test
  void aMissingFileIsRefusedWithThePropertyThePathAndWhatToDo() {
    String missing = dir.resolve("nope.pem").toString();
    assertThatThrownBy(() -> TokenKeyCheck.check(missing)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mp.jwt.verify.publickey.location=" + missing)
        .hasMessageContaining("cannot read")
        .hasMessageContaining("./eventca-token init");
  }

  @Test
  void aPrivateKeyAWeakKeyAndAUrlAreRefused() throws Exception {
    Path privateKey = Path.of("src/test/resources/tokens/token-signing-key.pem");
    assertThatThrownBy(() -> TokenKeyCheck.check(privateKey.toString())).hasMessageContaining("no -----BEGIN PUBLIC KEY----- block");

    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    Path weak = Files.writeString(dir.resolve("weak.pem"), "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    assertThatThrownBy(() -> TokenKeyCheck.check(weak.toString())).hasMessageContaining("RSA-1024");

    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    assertThatThrownBy(() -> TokenKeyCheck.check(garbage.toString())).hasMessageContaining("is not an RSA public key");

    assertThatThrownBy(() -> TokenKeyCheck.check("https://keys.example/token.pem")).hasMessageContaining("must be a file path");
  }
}
