package io.eventca.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What we write in the two PEM formats, as OpenSSL 3 reads it. */
class PemFormatsTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"rsa2048", "ec256"})
  void encryptedPkcs8IsPbes2Pbkdf2HmacSha256Aes256(String name) {
    KeyMaterial key = TestKeys.named(name);
    Path file = Tools.write(dir, "k8.pem", key.write(KeyFormat.PKCS8, TestKeys.pass(), List.of(), null));

    assertThat(Tools.text(file)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
        .contains("-----END ENCRYPTED PRIVATE KEY-----");
    assertThat(Tools.opensslPublicKey(dir, file, "pass:" + TestKeys.PASS)).isEqualTo(TestKeys.publicKeyDer(key));
    Tools.openssl(dir, "pkey", "-in", "k8.pem", "-passin", "pass:" + TestKeys.WRONG, "-noout").fails();
    Tools.openssl(dir, "pkey", "-in", "k8.pem", "-passin", "pass:", "-noout").fails();

    String asn1 = Tools.openssl(dir, "asn1parse", "-in", "k8.pem").ok().output();
    assertThat(asn1).contains(":PBES2", ":PBKDF2", ":hmacWithSHA256", ":aes-256-cbc")
        .contains("INTEGER           :0186A0"); // 100000 iterations
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa2048", "ec384"})
  void unencryptedPkcs8NeedsNoPassphrase(String name) {
    KeyMaterial key = TestKeys.named(name);
    Path file = Tools.write(dir, "k8.pem", key.write(KeyFormat.PKCS8, null, List.of(), null));

    assertThat(Tools.text(file)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    // An empty passphrase would fail on an encrypted file, so success here means "not encrypted".
    assertThat(Tools.opensslPublicKey(dir, file, "pass:")).isEqualTo(TestKeys.publicKeyDer(key));
  }

  @Test
  void encryptedRsaIsTraditionalPemWithAes256DekInfo() {
    KeyMaterial key = TestKeys.rsa2048();
    Path file = Tools.write(dir, "krsa.pem", key.write(KeyFormat.RSA, TestKeys.pass(), List.of(), null));

    assertThat(Tools.text(file)).startsWith("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,");
    assertThat(Tools.opensslPublicKey(dir, file, "pass:" + TestKeys.PASS)).isEqualTo(TestKeys.publicKeyDer(key));
    Tools.openssl(dir, "pkey", "-in", "krsa.pem", "-passin", "pass:" + TestKeys.WRONG, "-noout").fails();
    // openssl rsa is what convert_priv_key.sh users run on these files.
    assertThat(Tools.openssl(dir, "rsa", "-in", "krsa.pem", "-passin", "pass:" + TestKeys.PASS, "-check", "-noout")
        .ok().output()).contains("RSA key ok");
  }

  @Test
  void unencryptedRsaIsPkcs1() {
    KeyMaterial key = TestKeys.rsa2048();
    Path file = Tools.write(dir, "krsa.pem", key.write(KeyFormat.RSA, null, List.of(), null));

    assertThat(Tools.text(file)).startsWith("-----BEGIN RSA PRIVATE KEY-----\n").doesNotContain("Proc-Type");
    assertThat(Tools.opensslPublicKey(dir, file, "pass:")).isEqualTo(TestKeys.publicKeyDer(key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec256", "ec384"})
  void ecKeyInRsaFormatIsSec1WithItsCurve(String name) {
    KeyMaterial key = TestKeys.named(name);
    Path plain = Tools.write(dir, "kec.pem", key.write(KeyFormat.RSA, null, List.of(), null));
    Path encrypted = Tools.write(dir, "kec-enc.pem", key.write(KeyFormat.RSA, TestKeys.pass(), List.of(), null));

    assertThat(Tools.text(plain)).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
    assertThat(Tools.text(encrypted)).startsWith("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,");
    assertThat(Tools.opensslPublicKey(dir, plain, "pass:")).isEqualTo(TestKeys.publicKeyDer(key));
    assertThat(Tools.opensslPublicKey(dir, encrypted, "pass:" + TestKeys.PASS)).isEqualTo(TestKeys.publicKeyDer(key));
    assertThat(Tools.openssl(dir, "ec", "-in", "kec.pem", "-check", "-noout").ok().output()).contains("EC Key valid");
  }

  /** OpenSSL hashes the UTF-8 bytes of what was typed; a non-ASCII passphrase must work both ways. */
  @ParameterizedTest
  @ValueSource(strings = {"PKCS8", "RSA"})
  void nonAsciiPassphraseMatchesOpensslsUtf8(String format) {
    String passphrase = "Pässwörd €100 ключ";
    KeyMaterial key = TestKeys.rsa2048();
    Path file = Tools.write(dir, "k.pem", key.write(KeyFormat.valueOf(format), passphrase.toCharArray(), List.of(), null));
    Tools.write(dir, "pass.txt", (passphrase + "\n").getBytes(StandardCharsets.UTF_8));
    // openssl reads the second line when -passin and -passout name the same file.
    Tools.write(dir, "pass2.txt", (passphrase + "\n").getBytes(StandardCharsets.UTF_8));

    assertThat(Tools.opensslPublicKey(dir, file, "file:pass.txt")).isEqualTo(TestKeys.publicKeyDer(key));

    String[] reencrypt = format.equals("RSA")
        ? new String[] {"pkey", "-traditional", "-aes256"}
        : new String[] {"pkcs8", "-topk8", "-v2", "aes-256-cbc"};
    List<String> command = new java.util.ArrayList<>(List.of(reencrypt));
    command.addAll(List.of("-in", "k.pem", "-passin", "file:pass.txt", "-passout", "file:pass2.txt", "-out", "back.pem"));
    Tools.openssl(dir, command.toArray(String[]::new)).ok();
    KeyMaterial back = KeyMaterial.read(Tools.read(dir.resolve("back.pem")), KeyFormat.valueOf(format), passphrase.toCharArray());
    assertThat(TestKeys.publicKeyDer(back)).isEqualTo(TestKeys.publicKeyDer(key));
  }
}
