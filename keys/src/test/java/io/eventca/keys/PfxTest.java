package io.eventca.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PKCS#12 output as OpenSSL 3 (without -legacy) and the JDK's keytool see it. */
class PfxTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"rsa2048", "ec256"})
  void opensslOpensItWithoutLegacyAndReportsOnlyModernAlgorithms(String name) {
    KeyMaterial key = TestKeys.named(name);
    List<String> chain = TestKeys.chain(key, "alice");
    Tools.write(dir, "k.pfx", key.write(KeyFormat.PFX, TestKeys.pass(), chain, "alice"));

    String info = Tools.openssl(dir, "pkcs12", "-in", "k.pfx", "-passin", "pass:" + TestKeys.PASS, "-info", "-noout")
        .ok().output();
    assertThat(info)
        .contains("MAC: sha256, Iteration 100000")
        .contains("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 100000, PRF hmacWithSHA256")
        .contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 100000, PRF hmacWithSHA256")
        .doesNotContain("RC2", "3DES", "DES-EDE", "sha1");

    String certificates = Tools.openssl(dir, "pkcs12", "-in", "k.pfx", "-passin", "pass:" + TestKeys.PASS, "-nokeys")
        .ok().output();
    assertThat(Pattern.compile("-----BEGIN CERTIFICATE-----").matcher(certificates).results().count()).isEqualTo(2);
    assertThat(certificates).contains("subject=CN = alice").contains("subject=CN = Throw-away Test CA")
        .contains("friendlyName: alice");

    Tools.openssl(dir, "pkcs12", "-in", "k.pfx", "-passin", "pass:" + TestKeys.WRONG, "-info", "-noout").fails();
  }

  @Test
  void opensslFindsTheKeyAndItsPublicKeyMatches() {
    KeyMaterial key = TestKeys.rsa2048();
    Tools.write(dir, "k.pfx", key.write(KeyFormat.PFX, TestKeys.pass(), TestKeys.chain(key, "alice"), "alice"));
    Tools.openssl(dir, "pkcs12", "-in", "k.pfx", "-passin", "pass:" + TestKeys.PASS, "-nocerts", "-nodes", "-out", "key.pem")
        .ok();

    assertThat(Tools.opensslPublicKey(dir, dir.resolve("key.pem"), "pass:")).isEqualTo(TestKeys.publicKeyDer(key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa2048", "ec384"})
  void keytoolListsOnePrivateKeyEntryWithTheWholeChain(String name) {
    KeyMaterial key = TestKeys.named(name);
    Tools.write(dir, "k.pfx", key.write(KeyFormat.PFX, TestKeys.pass(), TestKeys.chain(key, "alice"), "alice"));

    String list = Tools.keytool(dir, "-list", "-v", "-keystore", "k.pfx", "-storetype", "PKCS12",
        "-storepass", TestKeys.PASS).ok().output();
    assertThat(list)
        .contains("Your keystore contains 1 entry")
        .contains("Alias name: alice")
        .contains("Entry type: PrivateKeyEntry")
        .contains("Certificate chain length: 2");

    Tools.keytool(dir, "-list", "-keystore", "k.pfx", "-storetype", "PKCS12", "-storepass", TestKeys.WRONG).fails();
  }

  @Test
  void friendlyNameDefaultsToKey() {
    KeyMaterial key = TestKeys.ec256();
    Tools.write(dir, "k.pfx", key.write(KeyFormat.PFX, TestKeys.pass(), TestKeys.chain(key, "bob"), null));

    assertThat(Tools.keytool(dir, "-list", "-keystore", "k.pfx", "-storetype", "PKCS12", "-storepass", TestKeys.PASS)
        .ok().output()).contains("key, ").contains("PrivateKeyEntry");
  }

  @Test
  void nonAsciiPassphraseOpensInOpenssl() {
    String passphrase = "Pässwörd €100 ключ";
    KeyMaterial key = TestKeys.ec256();
    Tools.write(dir, "k.pfx", key.write(KeyFormat.PFX, passphrase.toCharArray(), TestKeys.chain(key, "alice"), "alice"));
    Tools.write(dir, "pass.txt", (passphrase + "\n").getBytes(StandardCharsets.UTF_8));

    Tools.openssl(dir, "pkcs12", "-in", "k.pfx", "-passin", "file:pass.txt", "-nocerts", "-nodes", "-out", "key.pem").ok();
    assertThat(Tools.opensslPublicKey(dir, dir.resolve("key.pem"), "pass:")).isEqualTo(TestKeys.publicKeyDer(key));
  }
}
