package io.eventca.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyConversionTest {
  @TempDir
  Path dir;

  /** convert_priv_key.sh's default: an OpenSSL traditional RSA key in, unencrypted PKCS#8 out. */
  @Test
  void rsaToPkcs8() {
    Tools.openssl(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "k.pem").ok();
    Tools.openssl(dir, "rsa", "-traditional", "-in", "k.pem", "-out", "krsa.pem").ok();
    assertThat(Tools.text(dir.resolve("krsa.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");

    Path out = Tools.write(dir, "out.pem",
        KeyConversion.convert(Tools.read(dir.resolve("krsa.pem")), KeyFormat.RSA, null, KeyFormat.PKCS8, null));

    assertThat(Tools.text(out)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Tools.opensslPublicKey(dir, out, "pass:")).isEqualTo(Tools.opensslPublicKey(dir, dir.resolve("k.pem"), "pass:"));
  }

  @Test
  void pfxToEncryptedPkcs8() {
    KeyMaterial key = TestKeys.ec256();
    byte[] pfx = key.write(KeyFormat.PFX, TestKeys.pass(), TestKeys.chain(key, "alice"), "alice");

    Path out = Tools.write(dir, "out.pem",
        KeyConversion.convert(pfx, KeyFormat.PFX, TestKeys.pass(), KeyFormat.PKCS8, "new pass".toCharArray()));

    assertThat(Tools.text(out)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThat(Tools.opensslPublicKey(dir, out, "pass:new pass")).isEqualTo(TestKeys.publicKeyDer(key));
  }

  @Test
  void encryptedPkcs8ToEncryptedRsa() {
    KeyMaterial key = TestKeys.rsa2048();
    byte[] pkcs8 = key.write(KeyFormat.PKCS8, TestKeys.pass(), List.of(), null);

    Path out = Tools.write(dir, "out.pem",
        KeyConversion.convert(pkcs8, KeyFormat.PKCS8, TestKeys.pass(), KeyFormat.RSA, "new pass".toCharArray()));

    assertThat(Tools.text(out)).startsWith("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED");
    assertThat(Tools.opensslPublicKey(dir, out, "pass:new pass")).isEqualTo(TestKeys.publicKeyDer(key));
  }

  @Test
  void pfxToPfxKeepsTheChainUnderTheNewPassphrase() {
    KeyMaterial key = TestKeys.rsa2048();
    byte[] pfx = key.write(KeyFormat.PFX, TestKeys.pass(), TestKeys.chain(key, "alice"), "alice");

    Tools.write(dir, "out.pfx", KeyConversion.convert(pfx, KeyFormat.PFX, TestKeys.pass(), KeyFormat.PFX, "new pass".toCharArray()));

    assertThat(Tools.keytool(dir, "-list", "-v", "-keystore", "out.pfx", "-storetype", "PKCS12", "-storepass", "new pass")
        .ok().output()).contains("Certificate chain length: 2");
  }

  @Test
  void pemToPfxNeedsAChain() {
    byte[] pkcs8 = TestKeys.ec256().write(KeyFormat.PKCS8, null, List.of(), null);

    assertThatThrownBy(() -> KeyConversion.convert(pkcs8, KeyFormat.PKCS8, null, KeyFormat.PFX, TestKeys.pass()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("certificate chain");
  }
}
